# Runs many oracle cases in one pwsh process (test/oracle/pwshRunner.js writes the manifest):
# for each, it sets up the stand-in world, runs the script as Windows would run it with
# `powershell.exe -File`, and records what the script printed to the host (a transcript) and
# its exit code. Native stand-ins and the RemoteDesktop stand-in module write the call log.
# What a case prints to the host goes to stdout between two marker lines; what it writes to
# [Console]::Error (a script's own error lines, which powershell.exe prints on stderr) goes to
# its result. The host's writer
# keeps the encoding it had at its first write, so the driver writes first, in UTF-8, and then
# changes [Console]::OutputEncoding per case for native output only.
param([Parameter(Mandatory = $true)][string]$Manifest)

# Windows PowerShell 5.1 builds a native command line the legacy way; on Unix, .NET splits that
# line back into argv by the same rules, so the stand-ins see what a Windows program would.
$global:PSNativeCommandArgumentPassing = 'Legacy'

# Stand-ins for what Linux cannot answer as Windows does: the session the script runs in, and
# a sleep that is recorded instead of waited (the simulator records it the same way).
function global:Get-Process {
    param([int]$Id)
    [pscustomobject]@{ Id = $Id; SessionId = [int]$env:RDL_ORACLE_SESSION_ID }
}
function global:Start-Sleep {
    param([Parameter(Position = 0)][double]$Seconds, [int]$Milliseconds)
    if ($PSBoundParameters.ContainsKey('Milliseconds')) { $line = "start-sleep -Milliseconds $Milliseconds" }
    else { $line = "start-sleep -Seconds $Seconds" }
    [System.IO.File]::AppendAllText($env:RDL_ORACLE_LOG, $line + "`n", [System.Text.UTF8Encoding]::new($false))
}

# powershell.exe -File exits with the code of the script's `exit`, or 0 when the script ends
# without one ("With normal termination, the exit code is always 0", about_PowerShell_exe).
# $LASTEXITCODE after `& script` cannot tell the two apart (a native program sets it too), so
# the script's `exit` is made to propagate as it does under -File: the console host sets this
# internal flag before it runs the script (ConsoleHost.cs), and a nested pipeline ending on
# `exit` stores its code in $LASTEXITCODE (LocalPipeline.cs). A script that ends normally runs
# the statement after it, which records that.
$global:RdlOracleContext = [System.Management.Automation.EngineIntrinsics].GetField(
    '_context', [System.Reflection.BindingFlags]'NonPublic,Instance').GetValue($ExecutionContext)
$global:RdlOracleRethrowExit = $global:RdlOracleContext.GetType().GetProperty(
    'ScriptCommandProcessorShouldRethrowExit', [System.Reflection.BindingFlags]'NonPublic,Instance')
if ($null -eq $global:RdlOracleRethrowExit) { throw 'this pwsh has no ScriptCommandProcessorShouldRethrowExit' }

# [adsisearcher]: System.DirectoryServices does not run on Linux; the stand-in searches the
# case's directory (RDL_ORACLE_DIRECTORY), or throws as ADSI does on a host in no domain.
# Compiling it costs about 2 s of CPU, so a driver does it before the first script that names
# [adsisearcher], and not at all when none does.
$adsiSearcherReady = $false
$scriptNamesAdsi = @{}
function Use-AdsiSearcherFor([string]$Script) {
    if ($script:adsiSearcherReady) { return }
    if (-not $script:scriptNamesAdsi.ContainsKey($Script)) {
        $script:scriptNamesAdsi[$Script] = [System.IO.File]::ReadAllText($Script) -match 'adsisearcher'
    }
    if (-not $script:scriptNamesAdsi[$Script]) { return }
    Add-Type -Path (Join-Path $PSScriptRoot 'AdsiSearcher.cs')
    [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')::Add('adsisearcher', [RdlDirectorySearcher])
    $script:adsiSearcherReady = $true
}

[Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)
$Host.UI.WriteLine('rdlogoff pwsh oracle driver')
$cases = @(Get-Content -LiteralPath $Manifest -Raw -Encoding utf8 | ConvertFrom-Json)
$baseModulePath = $env:PSModulePath
$index = 0
foreach ($case in $cases) {
    Use-AdsiSearcherFor $case.script
    $Host.UI.WriteLine("`u{1}rdl-case $index")
    Set-Location -LiteralPath $case.work
    # The script's Windows paths (a log file on C:) land in the case's own folder.
    $null = New-PSDrive -Name C -PSProvider FileSystem -Root $case.drive -Scope Global
    # A case's variables are put back as they were after it (unset or inherited).
    $inherited = @{}
    foreach ($property in $case.env.PSObject.Properties) {
        $inherited[$property.Name] = [Environment]::GetEnvironmentVariable($property.Name)
        [Environment]::SetEnvironmentVariable($property.Name, [string]$property.Value)
    }
    if ($case.modulePath) { $env:PSModulePath = $case.modulePath + [IO.Path]::PathSeparator + $baseModulePath }
    else { $env:PSModulePath = $baseModulePath }
    [Console]::OutputEncoding = [System.Text.Encoding]::GetEncoding([int]$case.codePage)
    $command = '$global:RdlOracleRethrowExit.SetValue($global:RdlOracleContext, $true); '
    $command += "& '" + $case.script.Replace("'", "''") + "'"
    foreach ($argument in $case.args) {
        if ($argument -match '^-[A-Za-z]\w*(:\$(true|false))?$') { $command += ' ' + $argument }
        else { $command += " '" + $argument.Replace("'", "''") + "'" }
    }
    $command += '; $global:RdlOracleEnded = $true'
    $threw = $null
    $consoleError = [System.IO.StringWriter]::new()
    $driverError = [Console]::Error
    [Console]::SetError($consoleError)
    $global:LASTEXITCODE = 0
    $global:RdlOracleEnded = $false
    # The script runs in a pipeline of its own, not inside this script's try: an enclosing try
    # turns every statement-terminating error of the script (a method's exception, an unknown
    # command) into one that ends the script, which powershell.exe -File does not do.
    $pipeline = [powershell]::Create([System.Management.Automation.RunspaceMode]::CurrentRunspace)
    $null = $pipeline.AddScript($command).AddCommand('Out-Default')
    try {
        $null = $pipeline.Invoke()
        if ($global:RdlOracleEnded) { $exitCode = 0 } else { $exitCode = $global:LASTEXITCODE }
    } catch {
        # powershell.exe -File exits 1 when a script ends on a terminating error.
        $threw = [string]$_.Exception.InnerException.Message
        $exitCode = 1
    } finally {
        $pipeline.Dispose()
        [Console]::SetError($driverError)
    }
    [Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)
    $Host.UI.WriteLine("`u{1}rdl-end $index")
    $index++
    Remove-Module -Name RemoteDesktop -ErrorAction SilentlyContinue
    # A drive in use cannot be removed. Set-Location is not run when it need not: pwsh reads
    # every folder above the location (to match the name's case), milliseconds each in /tmp.
    if ($ExecutionContext.SessionState.Path.CurrentLocation.Drive.Name -eq 'C') {
        Set-Location -LiteralPath $case.work
    }
    Remove-PSDrive -Name C -Scope Global
    foreach ($name in $inherited.Keys) {
        [Environment]::SetEnvironmentVariable($name, $inherited[$name])
    }
    $result = @{ exitCode = $exitCode; threw = $threw; consoleError = $consoleError.ToString() } | ConvertTo-Json -Compress
    [System.IO.File]::WriteAllText($case.result, $result, [System.Text.UTF8Encoding]::new($false))
}
