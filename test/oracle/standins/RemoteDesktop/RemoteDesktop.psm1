# Stand-in for the RemoteDesktop module of an RD Connection Broker, for the pwsh oracle
# (test/oracle/pwshRunner.js). It answers from the JSON fixture named by RDL_ORACLE_BROKER
# (Get-RDUserSession objects, fixtures/rd-user-session/*.json) and appends each call to
# RDL_ORACLE_LOG in the simulator's format (src/simulate/powershell/cmdlets.ts).
# RDL_ORACLE_RD_DEPLOYMENT=0 makes Get-RDUserSession fail as it does without a deployment.
# A fixture's DisconnectTime (yyyy-MM-ddTHH:mm:ss, or null) is written against the simulated
# clock RDL_ORACLE_BROKER_CLOCK (yyyy-MM-dd HH:mm:ss); it is moved by that clock's distance to
# this machine's, so the script's (Get-Date) - DisconnectTime is the same whole number of
# minutes as simulated.
Set-StrictMode -Version 3

function ConvertFrom-RdlStandInTime {
    param([string]$Text, [string]$Format)
    return [datetime]::ParseExact($Text, $Format, [System.Globalization.CultureInfo]::InvariantCulture)
}

$script:sessions = $null

function Get-RdlStandInSession {
    if ($null -eq $script:sessions) {
        $list = [System.Collections.ArrayList]::new()
        $json = [System.IO.File]::ReadAllText($env:RDL_ORACLE_BROKER, [System.Text.Encoding]::UTF8)
        $shift = (Get-Date) - (ConvertFrom-RdlStandInTime $env:RDL_ORACLE_BROKER_CLOCK 'yyyy-MM-dd HH:mm:ss')
        foreach ($s in @(ConvertFrom-Json -InputObject $json -DateKind String)) {
            $disconnectTime = $null
            if ($s.PSObject.Properties['DisconnectTime'] -and $null -ne $s.DisconnectTime) {
                $disconnectTime = ConvertFrom-RdlStandInTime ([string]$s.DisconnectTime) 'yyyy-MM-ddTHH:mm:ss'
                # DateTime's default (0001-01-01) stays as it is: it stands for no time.
                if ($disconnectTime.Year -gt 1601) { $disconnectTime = $disconnectTime + $shift }
            }
            $object = [pscustomobject]@{
                PSTypeName       = 'Microsoft.RemoteDesktopServices.Management.RDUserSession'
                HostServer       = [string]$s.HostServer
                UnifiedSessionId = [int]$s.UnifiedSessionId
                SessionId        = [int]$s.SessionId
                UserName         = [string]$s.UserName
                DomainName       = [string]$s.DomainName
                CollectionName   = [string]$s.CollectionName
                SessionState     = [string]$s.SessionState
                IdleTime         = [long]$s.IdleTime
                DisconnectTime   = $disconnectTime
            }
            $null = $list.Add($object)
        }
        $script:sessions = $list
    }
    return , $script:sessions
}

function Write-RdlStandInCall {
    param([string[]]$Words)
    $line = ($Words -join ' ') + "`n"
    [System.IO.File]::AppendAllText($env:RDL_ORACLE_LOG, $line, [System.Text.UTF8Encoding]::new($false))
}

function ConvertTo-RdlStandInWord {
    # As the simulator quotes a value in its call log: in double quotes when it has white space
    # or a quote (quotes escaped with a backslash), or is empty.
    param([string]$Value)
    if ($Value -eq '' -or $Value -match '[\s"]') { return '"' + ($Value -replace '"', '\"') + '"' }
    return $Value
}

function Find-RdlStandInSession {
    param([string]$HostServer, [int]$UnifiedSessionID)
    foreach ($s in (Get-RdlStandInSession)) {
        if ($s.HostServer -eq $HostServer -and $s.UnifiedSessionId -eq $UnifiedSessionID) { return $s }
    }
    return $null
}

function Write-RdlStandInMissing {
    param($Cmdlet, [string]$HostServer, [int]$UnifiedSessionID)
    $message = "The session with UnifiedSessionID $UnifiedSessionID does not exist on RD Session Host server $HostServer."
    $record = [System.Management.Automation.ErrorRecord]::new(
        [System.ArgumentException]::new($message), 'SessionNotFound',
        [System.Management.Automation.ErrorCategory]::ObjectNotFound, $UnifiedSessionID)
    $Cmdlet.WriteError($record)
}

function Get-RDUserSession {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][string[]]$CollectionName,
        [Parameter(Position = 1)][string]$ConnectionBroker
    )
    if ($env:RDL_ORACLE_RD_DEPLOYMENT -eq '0') {
        $record = [System.Management.Automation.ErrorRecord]::new(
            [System.InvalidOperationException]::new('A Remote Desktop Services deployment does not exist in the server pool.'),
            'DeploymentNotFound', [System.Management.Automation.ErrorCategory]::InvalidOperation, $null)
        $PSCmdlet.WriteError($record)
        return
    }
    # A snapshot: a logoff further down the pipeline must not disturb the enumeration.
    foreach ($s in @((Get-RdlStandInSession).ToArray())) {
        if (-not $CollectionName -or ($CollectionName -contains $s.CollectionName)) { $s }
    }
}

function Invoke-RdlStandInAction {
    # Logs `<name> -HostServer H -UnifiedSessionID N [-Force]` and acts on the session, or
    # writes the cmdlet's error when the deployment has no such session.
    param($Cmdlet, [string]$Name, [string]$HostServer, [int]$UnifiedSessionID, [bool]$Force, [scriptblock]$Action)
    $words = @($Name, '-HostServer', (ConvertTo-RdlStandInWord $HostServer), '-UnifiedSessionID', [string]$UnifiedSessionID)
    if ($Force) { $words += '-Force' }
    Write-RdlStandInCall $words
    $session = Find-RdlStandInSession -HostServer $HostServer -UnifiedSessionID $UnifiedSessionID
    if ($null -eq $session) { Write-RdlStandInMissing $Cmdlet $HostServer $UnifiedSessionID; return }
    & $Action $session
}

function Invoke-RDUserLogoff {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, Mandatory = $true, ValueFromPipelineByPropertyName = $true)][string]$HostServer,
        [Parameter(Position = 1, Mandatory = $true, ValueFromPipelineByPropertyName = $true)][int]$UnifiedSessionID,
        [switch]$Force
    )
    process {
        Invoke-RdlStandInAction $PSCmdlet 'invoke-rduserlogoff' $HostServer $UnifiedSessionID $Force {
            param($session)
            (Get-RdlStandInSession).Remove($session)
        }
    }
}

function Disconnect-RDUser {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, Mandatory = $true, ValueFromPipelineByPropertyName = $true)][string]$HostServer,
        [Parameter(Position = 1, Mandatory = $true, ValueFromPipelineByPropertyName = $true)][int]$UnifiedSessionID,
        [switch]$Force
    )
    process {
        Invoke-RdlStandInAction $PSCmdlet 'disconnect-rduser' $HostServer $UnifiedSessionID $Force {
            param($session)
            $session.SessionState = 'STATE_DISCONNECTED'
        }
    }
}

function Send-RDUserMessage {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, Mandatory = $true, ValueFromPipelineByPropertyName = $true)][string]$HostServer,
        [Parameter(Position = 1, Mandatory = $true, ValueFromPipelineByPropertyName = $true)][int]$UnifiedSessionID,
        [Parameter(Position = 2, Mandatory = $true)][string]$MessageTitle,
        [Parameter(Position = 3, Mandatory = $true)][string]$MessageBody
    )
    process {
        Write-RdlStandInCall @('send-rdusermessage', '-HostServer', (ConvertTo-RdlStandInWord $HostServer), '-UnifiedSessionID', [string]$UnifiedSessionID,
            '-MessageTitle', (ConvertTo-RdlStandInWord $MessageTitle), '-MessageBody', (ConvertTo-RdlStandInWord $MessageBody))
        if ($null -eq (Find-RdlStandInSession -HostServer $HostServer -UnifiedSessionID $UnifiedSessionID)) {
            Write-RdlStandInMissing $PSCmdlet $HostServer $UnifiedSessionID
        }
    }
}

Export-ModuleMember -Function Get-RDUserSession, Invoke-RDUserLogoff, Disconnect-RDUser, Send-RDUserMessage
