import { describe, expect, test } from "vitest";
import {
  simulatePowerShell,
  type PowerShellWorldConfig,
} from "../../../src/simulate/powershell/index.js";
import { lines, standardWorld } from "./support.js";

interface Want {
  stdout?: string;
  stderr?: string;
  calls?: string[];
  exitCode?: number;
  files?: Record<string, string>;
}

interface Row {
  name: string;
  script: string;
  args?: string[];
  world?: PowerShellWorldConfig;
  now?: Date;
  want: Want;
}

/** Runs a row and compares only the fields the row states (stdout, calls, exit code, ...). */
async function check(row: Row): Promise<void> {
  const result = await simulatePowerShell(row.script, row.world ?? standardWorld(), {
    ...(row.args ? { args: row.args } : {}),
    ...(row.now ? { now: row.now } : {}),
  });
  const got: Want = {};
  for (const key of Object.keys(row.want) as (keyof Want)[]) {
    Object.assign(got, { [key]: result[key] });
  }
  expect(got, `script:\n${row.script}\nargs: ${JSON.stringify(row.args ?? [])}`).toEqual(row.want);
}

const values: Row[] = [
  {
    name: "variables and concatenation",
    script: "$a = 'x'\n$b = $a + 'y'\n$b",
    want: { stdout: lines("xy") },
  },
  {
    name: "single quotes are verbatim, '' is a quote",
    script: "$a = 1\n'it''s $a'",
    want: { stdout: lines("it's $a") },
  },
  {
    name: "curly single quotes double like ASCII ones",
    script: "'it\u2019\u2019s'",
    want: { stdout: lines("it\u2019s") },
  },
  {
    name: "double quotes expand $var and $(...), backtick escapes",
    script: '$n = 3\n"n=$n, next=$($n + 1), tab[`t] q[""]"',
    want: { stdout: lines('n=3, next=4, tab[\t] q["]') },
  },
  {
    name: "$env: variables",
    script: '"$env:SystemRoot\\System32"',
    want: { stdout: lines("C:\\Windows\\System32") },
  },
  {
    name: "arrays, += and .Count",
    script: "$a = @()\n$a += 1\n$a += 'two'\n$a.Count\n$a[-1]",
    want: { stdout: lines("2", "two") },
  },
  {
    name: "hashtables are case-insensitive",
    script: "$h = @{ Name = 'x'; 'Id' = 3 }\n$h.name\n$h['ID']\n$h.Count\n$h.Extra = 1\n$h.Count",
    want: { stdout: lines("x", "3", "2", "3") },
  },
  { name: "[char] and concatenation", script: "[char]0x41 + 'b'", want: { stdout: lines("Ab") } },
  {
    // "d" is a hex digit here, not the decimal suffix: 0x043D is 1085, the Cyrillic "н".
    name: "hex literal ending in d",
    script: "('' + [char]0x043D + [char]0x0434).Length; [int]0x043D",
    want: { stdout: lines("2", "1085") },
  },

  {
    name: "-f format operator",
    script: "'{0}-{1:D2}|{2,4}|' -f 'a', 5, 'z'",
    want: { stdout: lines("a-05|   z|") },
  },
  { name: "-join", script: "(1, 2, 3) -join '+'", want: { stdout: lines("1+2+3") } },
  {
    name: "unary -split drops empty pieces",
    script: "(-split '  a  b ').Count",
    want: { stdout: lines("2") },
  },
  {
    name: "-split is a regex",
    script: "('a1b22c' -split '\\d+') -join ','",
    want: { stdout: lines("a,b,c") },
  },
  {
    name: "-replace is a regex with groups",
    script: "'ab-cd' -replace '(\\w+)-(\\w+)', '$2.$1'",
    want: { stdout: lines("cd.ab") },
  },
  {
    name: "[int] parses '07'",
    script: "[int]'07'\n[int]' 42 '\n[int]2.5\n[int]3.5",
    want: { stdout: lines("7", "42", "2", "4") },
  },
  {
    name: "[int]'x' throws a catchable conversion error",
    script: "try { [int]'x' } catch { 'caught: ' + $_.Exception.Message }",
    want: {
      stdout: lines(
        'caught: Cannot convert value "x" to type "System.Int32". Error: "Input string was not in a correct format."',
      ),
    },
  },
  {
    name: "[timespan] parses d.hh:mm and hh:mm",
    script:
      "([timespan]'1.02:03').TotalMinutes\n([timespan]'02:03').TotalMinutes\n[string][timespan]'1.02:03'",
    want: { stdout: lines("1563", "123", "1.02:03:00") },
  },
  {
    name: "[timespan]::FromMilliseconds for IdleTime",
    script: "$t = [timespan]::FromMilliseconds(5400000)\n$t.TotalMinutes\n$t.Hours",
    want: { stdout: lines("90", "1") },
  },
  {
    name: "[math]::Floor and [string]::IsNullOrWhiteSpace",
    script:
      "[math]::Floor(7 / 2)\n[string]::IsNullOrWhiteSpace('  ')\n[string]::IsNullOrWhiteSpace('x')",
    want: { stdout: lines("3", "True", "False") },
  },
  {
    name: "string methods",
    script: [
      "' ab cd '.Trim()",
      "'abcdef'.Substring(1, 3)",
      "'abcdef'.Substring(4)",
      "'a,b;c'.Split(',;').Count",
      "'abc'.IndexOf('c')",
      "'Abc'.StartsWith('A')",
      "'ABC'.ToLowerInvariant()",
      "'abc'.Length",
    ].join("\n"),
    want: { stdout: lines("ab cd", "bcd", "ef", "3", "2", "True", "abc", "3") },
  },
  {
    name: ".Count of $null and of a scalar",
    script: "$x = $null\n$x.Count\n(5).Count\n@($null).Count",
    want: { stdout: lines("0", "1", "1") },
  },
];

const increments: Row[] = [
  {
    name: "++ on a variable and on a hashtable entry",
    script: '$i = 5\n$i++\n$h = @{ Count = 0 }\n$h.Count++\n$h.Count++\n"$i $($h.Count)"',
    want: { stdout: lines("6 2") },
  },
  {
    name: "post-increment yields the old value",
    script: '$i = 1\n$old = $i++\n"$old $i"',
    want: { stdout: lines("1 2") },
  },
];

const operators: Row[] = [
  {
    name: "comparisons are case-insensitive by default",
    script: "'ABC' -eq 'abc'\n'ABC' -ceq 'abc'\n'Abc' -ieq 'aBC'\n'Abc' -ne 'abc'",
    want: { stdout: lines("True", "False", "True", "False") },
  },
  {
    name: "-eq on an array filters",
    script: "(1, 2, 3, 2 -eq 2).Count\n@('a', 'B') -eq 'b'",
    want: { stdout: lines("2", "B") },
  },
  {
    name: "the left operand's type decides",
    script: "1 -eq '01'\n'01' -eq 1\n'10' -lt 9\n10 -lt '9'",
    want: { stdout: lines("True", "False", "True", "False") },
  },
  {
    name: "-gt -ge -lt -le",
    script: "5 -gt 3\n3 -ge 3\n2 -lt 1\n2 -le 2",
    want: { stdout: lines("True", "True", "False", "True") },
  },
  {
    name: "-like and -notlike wildcards",
    script: "'rdp-tcp#3' -like 'RDP-tcp#*'\n'console' -notlike 'c?nsole'\n'x' -ilike '[a-z]'",
    want: { stdout: lines("True", "False", "True") },
  },
  {
    name: "-match sets $Matches",
    script: "if ('ID 12 x' -match '(?<id>\\d+)') { $Matches.id; $Matches[0] }\n'abc' -notmatch 'B'",
    want: { stdout: lines("12", "12", "False") },
  },
  {
    name: "-in and -notin",
    script: "2 -in 1, 2, 3\n'X' -notin 'x', 'y'\n'z' -in @()",
    want: { stdout: lines("True", "False", "False") },
  },
  {
    name: "-and -or -not and !",
    script: "-not ($true -and $false) -or $false\n!$true\n$false -or 0",
    want: { stdout: lines("True", "False", "False") },
  },
  {
    name: "-and short-circuits",
    script: "$n = 0\nif ($false -and ($n = 1)) { }\n$n",
    want: { stdout: lines("0") },
  },
  {
    name: "arithmetic",
    script: "7 / 2\n7 % 3\n'5' + 1\n5 + '1'\n$null + 3",
    want: { stdout: lines("3.5", "1", "51", "6", "3") },
  },
];

const control: Row[] = [
  {
    name: "if / elseif / else",
    script:
      "foreach ($x in 1, 2, 3) { if ($x -eq 1) { 'one' } elseif ($x -eq 2) { 'two' } else { 'many' } }",
    want: { stdout: lines("one", "two", "many") },
  },
  {
    name: "foreach over $null runs zero times",
    script: "$n = 0\nforeach ($x in $null) { $n++ }\n$n",
    want: { stdout: lines("0") },
  },
  {
    name: "foreach over a scalar runs once",
    script: "foreach ($x in 'a') { \"[$x]\" }",
    want: { stdout: lines("[a]") },
  },
  {
    name: "continue and break",
    script:
      "foreach ($i in 1, 2, 3, 4) { if ($i -eq 2) { continue }\n if ($i -eq 4) { break }\n $i }",
    want: { stdout: lines("1", "3") },
  },
  { name: "while", script: "$i = 0\nwhile ($i -lt 3) { $i++ }\n$i", want: { stdout: lines("3") } },
  {
    name: "switch: constants, default, several matches, break",
    script: [
      "switch (2) {",
      "  1 { 'one' }",
      "  2 { 'two' }",
      "  default { 'other' }",
      "}",
      "switch ('B') {",
      "  'a' { 'A' }",
      '  default { "default $_" }',
      "}",
      "switch (1) {",
      "  1 { 'x' }",
      "  1 { 'y'; break }",
      "  1 { 'z' }",
      "}",
    ].join("\n"),
    want: { stdout: lines("two", "default B", "x", "y") },
  },
  {
    name: "switch -wildcard and -regex over an array",
    script: [
      "switch -wildcard ('rdp-tcp#1', 'console') {",
      "  'rdp*' { \"rdp $_\" }",
      '  default { "other $_" }',
      "}",
      "switch -regex ('id 42') {",
      "  '(\\d+)' { $Matches[1] }",
      "}",
    ].join("\n"),
    want: { stdout: lines("rdp rdp-tcp#1", "other console", "42") },
  },
  {
    name: "try / catch / finally",
    script: "try { throw 'boom' } catch { \"caught $_\" } finally { 'finally' }",
    want: { stdout: lines("caught boom", "finally") },
  },
  {
    name: "catch by exception type",
    script:
      "try { [int]'x' } catch [System.Management.Automation.CommandNotFoundException] { 'wrong' } catch [System.InvalidCastException] { 'cast' }",
    want: { stdout: lines("cast") },
  },
  {
    name: "a statement-terminating error ends only its statement",
    script: "'abc'.Substring(2, 5)\n'next'",
    want: {
      stdout: lines("next"),
      stderr: lines(
        'Exception calling "Substring" with "2" argument(s): "Index and length must refer to a location within the string.\r\nParameter name: length"',
      ),
      exitCode: 0,
    },
  },
  {
    name: "$ErrorActionPreference Stop makes it end the script",
    script: "$ErrorActionPreference = 'Stop'\n[int]'x'\n'not reached'",
    want: {
      stdout: "",
      stderr: lines(
        'Cannot convert value "x" to type "System.Int32". Error: "Input string was not in a correct format."',
      ),
      exitCode: 1,
    },
  },
  {
    name: "an uncaught throw ends the script with 1",
    script: "throw 'boom'\n'not reached'",
    want: { stdout: "", stderr: lines("boom"), exitCode: 1 },
  },
  {
    name: "exit sets the exit code",
    script: "'a'\nexit 3\n'b'",
    want: { stdout: lines("a"), exitCode: 3 },
  },
  {
    name: "functions with param blocks, positional and named",
    script:
      "function Add-One {\n  param([int]$Value, [switch]$Twice)\n  if ($Twice) { $Value + 2 } else { $Value + 1 }\n}\nAdd-One -Value 4\nAdd-One '9' -Twice",
    want: { stdout: lines("5", "11") },
  },
  {
    name: "return leaves the function with its value",
    script: "function Get-R { return 'r'\n 'not' }\n$x = Get-R\n\"[$x]\"",
    want: { stdout: lines("[r]") },
  },
  {
    name: "function variables are local, the caller's are readable",
    script:
      "$outer = 'o'\nfunction Test-Scope { $inner = $outer + 'i'; $inner }\nTest-Scope\n\"[$inner]\"",
    want: { stdout: lines("oi", "[]") },
  },
];

const pipelines: Row[] = [
  {
    name: "return in a ForEach-Object block moves to the next item",
    script: "1, 2, 3 | ForEach-Object { if ($_ -eq 2) { return }\n $_ }",
    want: { stdout: lines("1", "3") },
  },
  {
    name: "pipelines unroll one level",
    script: '@(1, 2), 3 | ForEach-Object { "[$_]" }',
    want: { stdout: lines("[1 2]", "[3]") },
  },
  {
    name: "Where-Object with a script block, ? alias",
    script: "1, 2, 3, 4 | Where-Object { $_ -gt 2 }\n'a', 'bb' | ? { $_.Length -eq 2 }",
    want: { stdout: lines("3", "4", "bb") },
  },
  {
    name: "ForEach-Object runs in the caller's scope",
    script: "$n = 0\n1, 2, 3 | ForEach-Object { $n += $_ }\n$n",
    want: { stdout: lines("6") },
  },
  {
    name: "Sort-Object and Select-Object",
    script:
      "3, 1, 2 | Sort-Object | Select-Object -First 2\n'b', 'a', 'c' | Sort-Object -Descending | Select-Object -Last 1",
    want: { stdout: lines("1", "2", "a") },
  },
  {
    name: "Sort-Object -Property and Select-Object -ExpandProperty",
    script:
      "Get-RDUserSession | Sort-Object -Property IdleTime | Select-Object -ExpandProperty UserName",
    want: { stdout: lines("alice", "carol", "bob") },
  },
  {
    name: "member enumeration on arrays",
    script: "(Get-RDUserSession).UserName -join ','",
    want: { stdout: lines("alice,bob,carol") },
  },
  {
    name: "Out-Null and $null = swallow output",
    script: "'a' | Out-Null\n$null = 'b'\n'c'",
    want: { stdout: lines("c") },
  },
  {
    name: "Write-Output with several arguments",
    script: "Write-Output 'a' 'b'\necho c",
    want: { stdout: lines("a", "b", "c") },
  },
  {
    name: "assignment of one pipeline item is a scalar, @() keeps an array",
    script: "$one = Write-Output 'xyz'\n$one.Length\n$arr = @(Write-Output 'xyz')\n$arr.Length",
    want: { stdout: lines("3", "1") },
  },
];

const native: Row[] = [
  {
    name: "native output becomes lines, $LASTEXITCODE is set",
    script: "$lines = query session\n$lines.Count\n$lines[2]\n$LASTEXITCODE",
    want: {
      stdout: lines("6", ">console           Administrator             1  Active", "0"),
      calls: ["query session"],
    },
  },
  {
    name: "native stderr goes to the console unless redirected",
    script: "query session /server:gone\n$LASTEXITCODE",
    want: {
      stdout: lines("1"),
      stderr: lines(
        "Error 0x000006BA enumerating sessionnames",
        "Error [1722]:The RPC server is unavailable.",
      ),
      calls: ["query session /server:gone"],
    },
  },
  {
    name: "2>$null drops native stderr",
    script: "$x = query session /server:gone 2>$null\n$x.Count\n$LASTEXITCODE",
    want: { stdout: lines("0", "1"), stderr: "" },
  },
  {
    name: "2>&1 merges native stderr as error records",
    script: '$x = query session /server:gone 2>&1\n$x.Count\n"$($x[1])"',
    want: { stdout: lines("2", "Error [1722]:The RPC server is unavailable."), stderr: "" },
  },
  {
    name: "Windows PowerShell 5.1: redirected stderr under Stop terminates",
    script:
      "$ErrorActionPreference = 'Stop'\ntry { query session /server:gone 2>$null } catch { \"caught: $_\" }",
    want: { stdout: lines("caught: Error 0x000006BA enumerating sessionnames") },
  },
  {
    name: "query.exe by full path, logoff with /server:",
    script:
      "& \"$env:SystemRoot\\System32\\query.exe\" session | Out-Null\n$s = 'rdsh01'\nlogoff 3 /server:$s",
    want: { calls: ["query session", "logoff 3 /server:rdsh01"] },
  },
  {
    name: "exit $LASTEXITCODE after a failed logoff",
    script: "logoff 99 2>$null\nexit $LASTEXITCODE",
    want: { calls: ["logoff 99"], exitCode: 1 },
  },
  {
    name: "msg with a quoted message keeps it one argument",
    script: "$text = 'Logging off in 5 minutes'\nmsg 3 $text",
    want: { calls: ["msg 3 Logging off in 5 minutes"] },
  },
];

const streams: Row[] = [
  {
    name: "Write-Warning, Write-Error, Write-Host",
    script: "Write-Warning 'careful'\nWrite-Error 'bad'\nWrite-Host 'shown'\n'after'",
    want: {
      stdout: lines("shown", "after"),
      stderr: lines("WARNING: careful", "script.ps1 : bad"),
      exitCode: 0,
    },
  },
  {
    name: "Write-Error -ErrorAction Stop is catchable",
    script: "try { Write-Error 'bad' -ErrorAction Stop } catch { \"caught $_\" }",
    want: { stdout: lines("caught bad"), stderr: "" },
  },
  {
    name: "-ErrorAction SilentlyContinue hides the error",
    script: "Write-Error 'bad' -EA SilentlyContinue\n$?",
    want: { stdout: lines("False"), stderr: "" },
  },
  {
    name: "Write-Verbose prints only with -Verbose",
    script: "[CmdletBinding()]\nparam()\nWrite-Verbose 'detail'",
    args: ["-Verbose"],
    want: { stderr: lines("VERBOSE: detail") },
  },
  {
    name: "Write-Verbose is silent by default",
    script: "[CmdletBinding()]\nparam()\nWrite-Verbose 'detail'",
    want: { stderr: "" },
  },
];

const script: Row[] = [
  {
    name: "param() with typed defaults and abbreviated names",
    script: [
      "[CmdletBinding(SupportsShouldProcess)]",
      "param(",
      "    [string[]]$Servers = @('local'),",
      "    [int]$Minutes = 5,",
      "    [switch]$Force",
      ")",
      '"$($Servers.Count) $Servers $Minutes $Force"',
    ].join("\n"),
    args: ["-Serv", "rdsh01", "-Minutes", "07", "-Force"],
    want: { stdout: lines("1 rdsh01 7 True") },
  },
  {
    name: "param() defaults",
    script:
      "param([string[]]$Servers = @('a', 'b'), [int]$Minutes = 5, [switch]$Force)\n\"$($Servers.Count) $Minutes $Force\"",
    want: { stdout: lines("2 5 False") },
  },
  {
    name: "ShouldProcess under -WhatIf prints the What if line and says no",
    script: [
      "[CmdletBinding(SupportsShouldProcess)]",
      "param()",
      "if ($PSCmdlet.ShouldProcess('session 3 on rdsh01', 'Log off')) { logoff 3 }",
    ].join("\n"),
    args: ["-WhatIf"],
    want: {
      stdout: lines('What if: Performing the operation "Log off" on target "session 3 on rdsh01".'),
      calls: [],
    },
  },
  {
    name: "ShouldProcess without -WhatIf says yes",
    script: [
      "[CmdletBinding(SupportsShouldProcess)]",
      "param()",
      "if ($PSCmdlet.ShouldProcess('session 3')) { logoff 3 }",
    ].join("\n"),
    want: { stdout: "", calls: ["logoff 3"] },
  },
  {
    name: "one-argument ShouldProcess names the script",
    script:
      "[CmdletBinding(SupportsShouldProcess)]\nparam()\n$null = $PSCmdlet.ShouldProcess('session 3')",
    args: ["-WhatIf"],
    want: {
      stdout: lines('What if: Performing the operation "script.ps1" on target "session 3".'),
    },
  },
  {
    name: "Get-Date is the options' clock; Start-Sleep advances it",
    script:
      "(Get-Date).ToString('yyyy-MM-dd HH:mm:ss')\nStart-Sleep -Seconds 90\nGet-Date -Format 'HH:mm:ss'",
    now: new Date(Date.UTC(2024, 2, 5, 14, 7, 9)),
    want: { stdout: lines("2024-03-05 14:07:09", "14:08:39"), calls: ["start-sleep -Seconds 90"] },
  },
  {
    name: "Add-Content writes in-memory files",
    script:
      "$log = 'C:\\logs\\rdlogoff.log'\nAdd-Content -LiteralPath $log -Value 'one'\nAdd-Content -LiteralPath $log -Value 'two'",
    want: { files: { "C:\\logs\\rdlogoff.log": "one\r\ntwo\r\n" } },
  },
  {
    name: "Add-Content honours -WhatIf",
    script:
      "[CmdletBinding(SupportsShouldProcess)]\nparam()\nAdd-Content -LiteralPath 'C:\\x.log' -Value 'one'",
    args: ["-WhatIf"],
    want: {
      files: {},
      stdout: lines('What if: Performing the operation "Add Content" on target "Path: C:\\x.log".'),
    },
  },
];

const host: Row[] = [
  {
    name: "ValueFromRemainingArguments collects unknown arguments",
    script: [
      "[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]",
      "param(",
      "    [Parameter(ValueFromRemainingArguments = $true)]",
      "    [string[]]$UnknownArguments",
      ")",
      "if ($UnknownArguments) { 'unknown: ' + ($UnknownArguments -join ' '); exit 3 }",
    ].join("\n"),
    args: ["-Bogus", "x"],
    want: { stdout: lines("unknown: -Bogus x"), exitCode: 3 },
  },
  {
    name: "the world's computer name and current session",
    script: "$env:COMPUTERNAME\n(Get-Process -Id $PID).SessionId",
    world: standardWorld({ computerName: "RDSH01", currentSessionId: 1 }),
    want: { stdout: lines("RDSH01", "1") },
  },
];

const remoteDesktop: Row[] = [
  {
    name: "Get-Module -ListAvailable and Import-Module with the module",
    script:
      "if (Get-Module -ListAvailable -Name RemoteDesktop) { Import-Module RemoteDesktop; 'yes' }",
    want: { stdout: lines("yes"), stderr: "" },
  },
  {
    name: "without the module: Get-Module finds nothing, Import-Module fails",
    script:
      "if (-not (Get-Module -ListAvailable -Name RemoteDesktop)) { 'absent' }\nImport-Module RemoteDesktop",
    world: standardWorld({ rdUserSessions: undefined }),
    want: {
      stdout: lines("absent"),
      stderr: lines(
        "Import-Module : The specified module 'RemoteDesktop' was not loaded because no valid module file was found in any module directory.",
      ),
    },
  },
  {
    name: "without the module Get-RDUserSession is not recognized",
    script:
      "try { Get-RDUserSession } catch [System.Management.Automation.CommandNotFoundException] { 'fallback' }",
    world: standardWorld({ rdUserSessions: undefined }),
    want: { stdout: lines("fallback") },
  },
  {
    name: "without a deployment Get-RDUserSession writes an error",
    script: "$s = Get-RDUserSession\n$s.Count",
    world: standardWorld({ rdDeployment: false }),
    want: {
      stdout: lines("0"),
      stderr: lines(
        "Get-RDUserSession : A Remote Desktop Services deployment does not exist in the server pool.",
      ),
    },
  },
  {
    name: "Get-RDUserSession -CollectionName filters",
    script: "(Get-RDUserSession -CollectionName apps).UserName",
    want: { stdout: lines("carol") },
  },
  {
    name: "abbreviated and positional parameters log canonically",
    script:
      "Invoke-RDUserLogoff -Host rdsh01.contoso.com -Unified 4 -F\nInvoke-RDUserLogoff rdsh02.contoso.com '3' -Force",
    want: {
      calls: [
        "invoke-rduserlogoff -HostServer rdsh01.contoso.com -UnifiedSessionID 4 -Force",
        "invoke-rduserlogoff -HostServer rdsh02.contoso.com -UnifiedSessionID 3 -Force",
      ],
    },
  },
  {
    name: "sessions piped into Invoke-RDUserLogoff bind by property name",
    script:
      "Get-RDUserSession | Where-Object { $_.UserName -ne 'alice' } | Invoke-RDUserLogoff -Force",
    want: {
      calls: [
        "invoke-rduserlogoff -HostServer rdsh01.contoso.com -UnifiedSessionID 4 -Force",
        "invoke-rduserlogoff -HostServer rdsh02.contoso.com -UnifiedSessionID 3 -Force",
      ],
    },
  },
  {
    name: "logging off a session the broker does not have fails",
    script:
      "Invoke-RDUserLogoff -HostServer rdsh09 -UnifiedSessionID 7 -Force\ntry { Invoke-RDUserLogoff -HostServer rdsh09 -UnifiedSessionID 8 -Force -ErrorAction Stop } catch { 'caught' }",
    want: {
      stdout: lines("caught"),
      stderr: lines(
        "Invoke-RDUserLogoff : The session with UnifiedSessionID 7 does not exist on RD Session Host server rdsh09.",
      ),
      calls: [
        "invoke-rduserlogoff -HostServer rdsh09 -UnifiedSessionID 7 -Force",
        "invoke-rduserlogoff -HostServer rdsh09 -UnifiedSessionID 8 -Force",
      ],
    },
  },
  {
    name: "a logged-off session is gone from the next Get-RDUserSession",
    script:
      "Invoke-RDUserLogoff -HostServer rdsh01.contoso.com -UnifiedSessionID 3 -Force\n(Get-RDUserSession).Count",
    want: { stdout: lines("2") },
  },
  {
    name: "Send-RDUserMessage and Disconnect-RDUser are recorded in order with native calls",
    script: [
      "Send-RDUserMessage -HostServer rdsh01.contoso.com -UnifiedSessionID 3 -MessageTitle 'Maintenance' -MessageBody 'Log off now'",
      "msg 3 bye",
      "Disconnect-RDUser -HostServer rdsh01.contoso.com -UnifiedSessionID 3 -Force",
      "(Get-RDUserSession | Where-Object { $_.UserName -eq 'alice' }).SessionState",
    ].join("\n"),
    want: {
      stdout: lines("STATE_DISCONNECTED"),
      calls: [
        'send-rdusermessage -HostServer rdsh01.contoso.com -UnifiedSessionID 3 -MessageTitle Maintenance -MessageBody "Log off now"',
        "msg 3 bye",
        "disconnect-rduser -HostServer rdsh01.contoso.com -UnifiedSessionID 3 -Force",
      ],
    },
  },
];

describe.each([
  ["values", values],
  ["operators", operators],
  ["increments", increments],
  ["control flow", control],
  ["pipelines", pipelines],
  ["native commands", native],
  ["streams", streams],
  ["script parameters and host", script],
  ["process and computer", host],
  ["RemoteDesktop cmdlets", remoteDesktop],
])("%s", (_group, rows) => {
  test.each(rows.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    await check(row);
  });
});
