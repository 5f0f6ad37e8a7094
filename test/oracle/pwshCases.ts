/**
 * The pwsh oracle's table of small PowerShell scripts: each row pins one construct of the
 * Windows PowerShell 5.1 subset the generated .ps1 files use to what 5.1 prints, calls and
 * exits with. pwshConstructs.test.ts runs every row in the simulator and under real pwsh
 * (pinned in pwshRunner.js); both must produce the row's `want`, except where a row carries a
 * `divergence`: there PowerShell 7 is known to differ from 5.1, the simulator must still do
 * what 5.1 does, and pwsh must do what the row records (so a change in pwsh shows up as a
 * failure and the row can be looked at again). Every such row is in PWSH-DIVERGENCES.md.
 *
 * How rows are written, so that the comparison with pwsh is exact and fair:
 * - A row prints through the success stream (strings, numbers, booleans, which 5.1 and pwsh
 *   print alike), Write-Host and What if: lines. Warnings are compared by their message. What
 *   the console shows for errors is formatted differently by 5.1 and pwsh 7 (ConciseView), so
 *   rows observe errors from inside the script instead: `$?`, `$LASTEXITCODE`, try/catch. A
 *   row whose point is an error the console shows sets `want.stdout` to null: only its calls
 *   and exit code are compared.
 * - Scripts are ASCII; other characters come from `[char]0x....` or from native output.
 * - Native programs are called with `.exe` (pwsh on Linux does not search PATHEXT).
 * - The tree-sitter grammar the simulator parses with wants a switch clause or a function's
 *   param() on lines of their own.
 */
import type { PowerShellWorldConfig, RdUserSession } from "../../src/simulate/powershell/index.js";
import { narrowListing } from "./cases.js";

/** What Windows PowerShell 5.1 does with a row. */
export interface PwshWant {
  /**
   * The success output and host lines (What if:), CRLF after each, without warnings; null:
   * not compared (the console shows an error, whose text 5.1 and pwsh 7 format differently).
   */
  stdout: string | null;
  /** The messages of the warnings the console shows (`WARNING: message`), in order; default none. */
  warnings?: string[];
  /** Calls of native programs and stand-in cmdlets; default none. */
  calls?: string[];
  /** The exit code of `powershell.exe -File`; default 0. */
  exitCode?: number;
  /** Files the script wrote, by Windows path. */
  files?: Record<string, string>;
}

/** What pwsh 7 does instead of 5.1 for one row, and the evidence that 5.1 differs. */
export interface PwshDivergence {
  /** What 5.1 does and why we believe it, with a source (docs URL, PowerShell source line). */
  evidence: string;
  /** The fields pwsh 7 gets differently; the others must equal `want`. */
  pwsh: Partial<PwshWant>;
}

export interface PwshConstructCase {
  name: string;
  /** The script, CRLF line ends (as the generated scripts are written). */
  script: string;
  world?: PowerShellWorldConfig;
  args?: string[];
  /** Windows folders (C:\...) that exist before the run. */
  directories?: string[];
  want: PwshWant;
  divergence?: PwshDivergence;
}

/** A script from lines: CRLF after each. */
function ps(...scriptLines: string[]): string {
  return scriptLines.map((line) => `${line}\r\n`).join("");
}

/** Console lines: CRLF after each. */
export function lines(...text: string[]): string {
  return text.map((line) => `${line}\r\n`).join("");
}

/** What `query user` prints for the default listing's users (narrow layout). */
const queryUserListing = lines(
  " USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME",
  ">alice                 console             1  Active      none   1/1/2024 8:00 AM",
  " bob                   rdp-tcp#5           2  Active         5   1/1/2024 8:05 AM",
  " carol                                     3  Disc     1+02:03   1/1/2024 8:10 AM",
);

/** The local server prints the oracle's narrow listing and has sessions 0-3. */
export const defaultWorld: PowerShellWorldConfig = {
  servers: {
    "": {
      querySession: { stdout: narrowListing, stderr: "", exitCode: 0 },
      queryUser: { stdout: queryUserListing, stderr: "", exitCode: 0 },
      sessionIds: [0, 1, 2, 3],
    },
  },
};

/** A local server whose `query session` prints these bytes (and stderr), exits with `exitCode`. */
function printing(
  stdout: string,
  options: { stderr?: string; exitCode?: number; codePage?: 437 | 850 | 866 | 65001 } = {},
): PowerShellWorldConfig {
  return {
    servers: {
      "": {
        querySession: { stdout, stderr: options.stderr ?? "", exitCode: options.exitCode ?? 0 },
        sessionIds: [0, 1, 2, 3],
      },
    },
    ...(options.codePage === undefined ? {} : { consoleCodePage: options.codePage }),
  };
}

/** Broker sessions for the RemoteDesktop stand-in: one active, two disconnected. */
const brokerSessions: RdUserSession[] = [
  {
    HostServer: "rdsh01.contoso.com",
    UnifiedSessionId: 3,
    SessionId: 3,
    UserName: "alice",
    DomainName: "CONTOSO",
    CollectionName: "Desktops",
    SessionState: "STATE_ACTIVE",
    IdleTime: 0,
    DisconnectTime: null,
  },
  {
    HostServer: "rdsh01.contoso.com",
    UnifiedSessionId: 4,
    SessionId: 4,
    UserName: "bob",
    DomainName: "CONTOSO",
    CollectionName: "Desktops",
    SessionState: "STATE_DISCONNECTED",
    IdleTime: 5_400_000,
    DisconnectTime: "2023-12-31T22:30:00",
  },
  {
    HostServer: "rdsh02.contoso.com",
    UnifiedSessionId: 7,
    SessionId: 2,
    UserName: "carol",
    DomainName: "CONTOSO",
    CollectionName: "Apps",
    SessionState: "STATE_DISCONNECTED",
    IdleTime: 60_000,
    DisconnectTime: "0001-01-01T00:00:00",
  },
];

const brokerWorld: PowerShellWorldConfig = { ...defaultWorld, rdUserSessions: brokerSessions };

/** `[CmdletBinding(SupportsShouldProcess)]` script header, as the safe template writes it. */
const advanced = [
  "[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]",
  "param(",
  "    [Parameter(ValueFromRemainingArguments = $true)]",
  "    [string[]]$UnknownArguments",
  ")",
];

const dotnetCoreMessages =
  "5.1 runs on .NET Framework 4.x, whose exception messages these are; pwsh 7 runs on .NET, " +
  "which reworded them: ArgumentException puts the parameter name in \"(Parameter 'length')\" " +
  "since .NET Core 3.0 (dotnet/coreclr#25185), FormatException quotes the input since .NET 8 " +
  "(resource Format_InvalidStringWithValue). The simulator's messages are .NET Framework's";

const comparisons: PwshConstructCase[] = [
  {
    name: "-eq -ne are case-insensitive, -ceq -cne -ieq are explicit",
    script: ps(
      "'ABC' -eq 'abc'",
      "'ABC' -ne 'abc'",
      "'ABC' -ceq 'abc'",
      "'ABC' -cne 'abc'",
      "'Abc' -ieq 'aBC'",
      "'abc' -ceq 'abc'",
    ),
    want: { stdout: lines("True", "False", "False", "True", "True", "True") },
  },
  {
    name: "the left operand's type converts the right one",
    script: ps(
      "1 -eq '01'",
      "'01' -eq 1",
      "1 -eq '1.0'",
      "'1.0' -eq 1",
      "0 -eq 'abc'",
      "2 -ge '2.0'",
      "'10' -lt 9",
      "10 -lt '9'",
      "'10' -lt '9'",
    ),
    want: {
      stdout: lines("True", "False", "True", "False", "False", "True", "True", "False", "True"),
    },
  },
  {
    name: "-lt -ge on strings order by letter, then lower case before upper",
    script: ps(
      "'a' -lt 'B'",
      "'B' -lt 'a'",
      "'Z' -clt 'a'",
      "'a' -clt 'A'",
      "'A' -cgt 'a'",
      "'abc' -ge 'ABC'",
      "'abc' -cge 'ABC'",
      "'rdp2' -lt 'rdp10'",
    ),
    want: { stdout: lines("True", "False", "False", "True", "True", "True", "False", "False") },
  },
  {
    name: "booleans and $null in comparisons",
    script: ps(
      "$true -eq 'false'",
      "'False' -eq $false",
      "$false -eq ''",
      "$false -eq '0'",
      "$null -eq 0",
      "0 -eq $null",
      "'' -eq $null",
      "$null -eq $null",
      "$null -lt 1",
      "1 -gt $null",
    ),
    want: {
      stdout: lines(
        "True",
        "True",
        "True",
        "False",
        "False",
        "False",
        "False",
        "True",
        "True",
        "True",
      ),
    },
  },
  {
    name: "$null in -lt -gt: above negative numbers, below everything else",
    script: ps(
      "$null -gt -1",
      "$null -lt -1",
      "-1 -gt $null",
      "0 -gt $null",
      "$null -lt 'a'",
      "'' -gt $null",
      "$null -ge $null",
      "$null -gt -2.5",
    ),
    want: { stdout: lines("True", "False", "False", "True", "True", "True", "True", "True") },
  },
  {
    name: "-eq -ne -gt on an array on the left filter it",
    script: ps(
      "(1, 2, 3, 2 -eq 2).Count",
      "@('a', 'B') -eq 'b'",
      "(1, 2, 1 -ne 1) -join ','",
      "(3, 1, 4, 1, 5 -gt 2) -join ','",
      "(@() -eq 1).Count",
      "if (@('x') -eq 'y') { 'truthy' } else { 'falsy' }",
      "if (@('x', 'y') -eq 'y') { 'truthy' } else { 'falsy' }",
    ),
    want: { stdout: lines("2", "B", "2", "3,4,5", "0", "falsy", "truthy") },
  },
  {
    name: "$null -eq on arrays: only $null on the left tests for $null",
    script: ps(
      "$empty = @()",
      "$null -eq $empty",
      "if ($empty -eq $null) { 'filter: truthy' } else { 'filter: falsy' }",
      "(@($null, 1, $null) -eq $null).Count",
      "$one = @(1)",
      "$null -ne $one",
      "$none = $null",
      "$null -eq $none",
      "$none -eq $null",
    ),
    want: { stdout: lines("False", "filter: falsy", "2", "True", "True", "True") },
  },
];

const patterns: PwshConstructCase[] = [
  {
    name: "-like -notlike: * ? [a-c] and backtick escapes, case-insensitive unless -clike",
    script: ps(
      "'rdp-tcp#3' -like 'RDP-tcp#*'",
      "'rdp-tcp#3' -clike 'RDP-tcp#*'",
      "'console' -like 'c?ns?le'",
      "'console' -notlike 'c*'",
      "'b' -like '[a-c]'",
      "'a[1]' -like 'a`[1`]'",
      "'ab' -like 'a'",
      "'*#9' -like '`*#9'",
    ),
    want: { stdout: lines("True", "False", "True", "False", "True", "True", "False", "True") },
  },
  {
    name: "-like on $null and numbers compares their string",
    script: ps("$null -like ''", "$null -like '*'", "$null -notlike '?*'", "15 -like '1*'"),
    want: { stdout: lines("True", "True", "True", "True") },
  },
  {
    name: "-like on an array filters and returns the items as strings",
    script: ps(
      "(@('ab', 'cd', 'AE') -like 'a*') -join ','",
      "(@('ab', 'cd') -notlike 'a*') -join ','",
      "(@(1, 11, 2) -like '1*') | ForEach-Object { $_ + 1 }",
    ),
    want: { stdout: lines("ab,AE", "cd", "11", "111") },
  },
  {
    name: "-match sets $Matches: numbered groups have int keys, named ones string keys",
    script: ps(
      "'ID 12 x' -match '(\\d)(\\d)'",
      "$Matches[0]",
      "$Matches[2]",
      "\"[$($Matches['2'])]\"",
      "'2+03:04' -match '^(?:(\\d+)\\+)?(?:(\\d+):)?(\\d+)$'",
      "$Matches[1] + '|' + $Matches[2] + '|' + $Matches[3]",
      "if ('user' -match '^(?<name>\\w+)$') { $Matches.name; $Matches['NAME'] }",
    ),
    want: { stdout: lines("True", "12", "2", "[]", "True", "2|03|04", "user", "user") },
  },
  {
    name: "-match is case-insensitive, -cmatch is not, a failed match keeps $Matches",
    script: ps(
      "'ABC' -match 'b'",
      "'ABC' -cmatch 'b'",
      "'abc' -notmatch 'B'",
      "$null = 'k1' -match '\\d'",
      "$null = 'zz' -match '\\d'",
      "$Matches[0]",
    ),
    want: { stdout: lines("True", "False", "False", "1") },
  },
  {
    name: "-match on an array filters, keeps the items and leaves $Matches alone",
    script: ps(
      "$null = 'x9' -match '\\d'",
      "(@('a1', 'b', 'c2') -match '\\d') -join ','",
      "(@(12, 3, 14) -match '1') | ForEach-Object { $_ + 1 }",
      "$Matches[0]",
    ),
    want: { stdout: lines("a1,c2", "13", "15", "9") },
  },
  {
    name: "-contains -notcontains convert the right operand to each item's type",
    script: ps(
      "@(1, 2, 3) -contains '2'",
      "@('1', '2') -contains 1",
      "@('Alice', 'bob') -contains 'ALICE'",
      "@('Alice', 'bob') -ccontains 'ALICE'",
      "@(1, 2) -notcontains 3",
      "'abc' -contains 'a'",
      "@() -contains $null",
      "@($null) -contains $null",
    ),
    want: {
      stdout: lines("True", "True", "True", "False", "True", "False", "False", "True"),
    },
  },
  {
    name: "-in -notin: the collection is on the right, a scalar is a one-item collection",
    script: ps(
      "2 -in 1, 2, 3",
      "'2' -in 1, 2",
      "'X' -notin 'x', 'y'",
      "'ab' -in 'abc'",
      "'abc' -in 'abc'",
      "'z' -in @()",
      "$null -in @(1, $null)",
    ),
    want: { stdout: lines("True", "True", "False", "False", "True", "False", "True") },
  },
];

const hashtables: PwshConstructCase[] = [
  {
    name: "hashtable keys: int 1 and string '1' are different keys",
    script: ps(
      "$h = @{}",
      "$h[1] = 'int'",
      "$h['1'] = 'string'",
      "$h.Count",
      "$h[1]",
      "$h['1']",
      "$h.ContainsKey(1)",
      "$h.Remove('1')",
      "$h.ContainsKey('1')",
      "$h.Count",
    ),
    want: { stdout: lines("2", "int", "string", "True", "False", "1") },
  },
  {
    name: "hashtable string keys are case-insensitive; a missing key is $null",
    script: ps(
      "$h = @{ Name = 'x' }",
      "$h['NAME']",
      "$h.name",
      "$h.ContainsKey('nAmE')",
      "$h['Other'] = 1",
      "$h.OTHER",
      "$null -eq $h['missing']",
      "$null -eq $h.Missing",
      "$h.ContainsKey('missing')",
      "\"[$($h['missing'])]\"",
      "$h.Count",
    ),
    want: { stdout: lines("x", "x", "True", "1", "True", "True", "False", "[]", "2") },
  },
  {
    name: "hashtable literal keys keep their type",
    script: ps(
      "$h = @{ 1 = 'one'; 'two' = 2; three = 3 }",
      "$h[1]",
      "\"[$($h['1'])]\"",
      "$h.two + $h.Three",
      "$sum = 0",
      "foreach ($k in $h.Keys) { if ($k -eq 1) { $sum += $k + 1 } }",
      "$sum",
    ),
    want: { stdout: lines("one", "[]", "5", "2") },
  },
  {
    name: "[int] keys from parsed text find [int] lookups, as the idle table does",
    script: ps(
      "$idle = @{}",
      "$idText = ' 07 '.Trim()",
      "$idle[[int]$idText] = 42",
      "$id = 7",
      "$idle[$id]",
      '"[$($idle[$idText])]"',
      "$idle.ContainsKey(7)",
      "$idle[8] -eq $null",
    ),
    want: { stdout: lines("42", "[]", "True", "True") },
  },
  {
    name: "Add on an existing key fails; Remove of a missing key does not",
    script: ps(
      "$h = @{ a = 1 }",
      "$h.Add('b', 2)",
      "try { $h.Add('A', 3) } catch { 'caught' }",
      "$h.Remove('zzz')",
      "$h.Count",
      "$h['a'] + $h['B']",
    ),
    want: { stdout: lines("caught", "2", "3") },
  },
  {
    name: "state-word table with a non-ASCII key built from [char]",
    script: ps(
      "$stateWords = @{}",
      "$stateWords['Disc'] = 'disconnected'",
      "$stateWords[('D' + [char]0x00E9 + 'co')] = 'disconnected'",
      "$stateWords[('' + [char]0x0414 + [char]0x0438 + [char]0x0441 + [char]0x043A)] = 'disconnected'",
      "$word = 'D' + [char]0x00C9 + 'CO'",
      "$stateWords.ContainsKey($word)",
      "$stateWords[$word]",
      "$stateWords.ContainsKey('disc')",
      "$stateWords.Count",
    ),
    want: { stdout: lines("True", "disconnected", "True", "3") },
  },
  {
    name: "session records: hashtables in an array, member enumeration, += keeps each one",
    script: ps(
      "$sessions = @()",
      "$sessions += @{ Name = 'console'; User = 'alice'; Id = 1; Current = $true; Idle = $null }",
      "$sessions += @{ Name = ''; User = 'bob'; Id = 2; Current = $false; Idle = 5 }",
      "$sessions.Count",
      "$sessions.User -join ','",
      "$sessions[1].Id + 1",
      "$sessions[0].Idle -eq $null",
      "$chosen = @($sessions | Where-Object { $_.User })",
      "$ordered = @($chosen | Where-Object { -not $_.Current }) + @($chosen | Where-Object { $_.Current })",
      "($ordered | ForEach-Object { $_.Id }) -join ','",
    ),
    want: { stdout: lines("2", "alice,bob", "3", "True", "2,1") },
  },
];

const strings: PwshConstructCase[] = [
  {
    name: "Substring, Trim, TrimEnd, StartsWith, EndsWith, IndexOf, Length",
    script: ps(
      "'abcdef'.Substring(2)",
      "'abcdef'.Substring(1, 3)",
      "'[' + '  a b  '.Trim() + ']'",
      "'xxaxx'.Trim('x')",
      "'a  '.TrimEnd() + '|'",
      "'>console'.StartsWith('>')",
      "'Abc'.StartsWith('a')",
      "'abc'.EndsWith('C')",
      "'abc'.IndexOf('c')",
      "'abc'.IndexOf('z')",
      "'abc'.Length",
    ),
    want: {
      stdout: lines("cdef", "bcd", "[a b]", "a", "a|", "True", "False", "False", "2", "-1", "3"),
    },
  },
  {
    name: "padding with ' ' * 64 before taking columns",
    script: ps(
      "$padding = ' ' * 64",
      "$padding.Length",
      "$line = ' rdp-tcp#5         bob                       2  Active' + $padding",
      "$line.Substring(1, 18).Trim()",
      "$line.Substring(19, 20).Trim()",
      "$line.Substring(39, 7).Trim()",
      "($line.Substring(48).Trim() -split ' ')[0]",
      "'[' + ('ab' + $padding).Substring(30, 2) + ']'",
    ),
    want: { stdout: lines("64", "rdp-tcp#5", "bob", "2", "Active", "[  ]") },
  },
  {
    name: "Substring past the end throws; the script observes it",
    script: ps(
      "try { 'abc'.Substring(2, 5) } catch { 'caught' }",
      "try { 'abc'.Substring(4) } catch { 'caught again' }",
      "'abc'.Substring(3).Length",
    ),
    want: { stdout: lines("caught", "caught again", "0") },
  },
  {
    name: "Substring's exception message",
    script: ps("try { 'abc'.Substring(2, 5) } catch { $_.Exception.Message }"),
    want: {
      stdout: lines(
        'Exception calling "Substring" with "2" argument(s): "Index and length must refer to a location within the string.',
        'Parameter name: length"',
      ),
    },
    divergence: {
      evidence: dotnetCoreMessages,
      pwsh: {
        stdout: lines(
          'Exception calling "Substring" with "2" argument(s): "Index and length must refer to a location within the string. (Parameter \'length\')"',
        ),
      },
    },
  },
  {
    name: ".Split(char) keeps empty pieces, -split ' ' too, unary -split does not",
    script: ps(
      "'a,b,,c'.Split(',').Count",
      "('a  b' -split ' ').Count",
      "(-split '  a  b ').Count",
      "('a1b22c' -split '\\d+') -join ','",
      "('rdsh01.contoso.com' -split '\\.')[0]",
      "('a,b,c' -split ',', 2)[1]",
      "('Disc  rdpwd' -split ' ')[0]",
      "('' -split ' ').Count",
    ),
    want: { stdout: lines("4", "3", "2", "a,b,c", "rdsh01", "b,c", "Disc", "1") },
  },
  {
    name: ".Split with a string of several characters splits at each of them",
    script: ps("'a,b;c'.Split(',;').Count", "'a, b'.Split(', ').Count"),
    want: { stdout: lines("3", "3") },
    divergence: {
      evidence:
        "On .NET Framework (5.1) String has no Split(string) overload, so PowerShell converts the " +
        "string to char[] and calls Split(params char[]): each character separates. .NET Core 2.0 " +
        "added Split(string separator, StringSplitOptions options = None), which pwsh 7 picks: the " +
        "whole string separates (learn.microsoft.com/dotnet/api/system.string.split, 'Applies to' " +
        "of Split(String, StringSplitOptions): .NET Core 2.0+, not .NET Framework; " +
        "PowerShell/PowerShell#11720: 'It does work well on Powershell 5.1')",
      pwsh: { stdout: lines("1", "2") },
    },
  },
  {
    name: "-join and unary -join; -replace is a regex, .Replace is literal",
    script: ps(
      "(1, 2, 3) -join '+'",
      "-join ('a', 'b')",
      "@() -join ','",
      "'a.b.c' -replace '\\.', '-'",
      "'a.b.c'.Replace('.', '-')",
      "'ab-cd' -replace '(\\w+)-(\\w+)', '$2.$1'",
      "'ABC' -replace 'b', 'x'",
      "'ABC' -creplace 'b', 'x'",
    ),
    want: { stdout: lines("1+2+3", "ab", "", "a-b-c", "a-b-c", "cd.ab", "AxC", "ABC") },
  },
  {
    name: "+ with strings, numbers and $null: the left operand decides",
    script: ps(
      "'5' + 1",
      "5 + '1'",
      "'a' + $null + 'b'",
      "$null + 'a'",
      "$null + 3",
      "'id=' + 7",
      "'x' + 1.5",
    ),
    want: { stdout: lines("51", "6", "ab", "a", "3", "id=7", "x1.5") },
  },
  {
    name: "double-quoted expansion of variables, members, arrays and $null",
    script: ps(
      "$h = @{ Name = 'n' }",
      "$a = @(1, 2, 3)",
      "$n = $null",
      '"[$($h.Name)]"',
      '"[$h.Name]"',
      '"[$a]"',
      '"[$n]"',
      '"[$($a.Count)] [$($a[1])]"',
      '"tab[`t] quote[`"] dollar[`$a]"',
    ),
    want: {
      stdout: lines(
        "[n]",
        "[System.Collections.Hashtable.Name]",
        "[1 2 3]",
        "[]",
        "[3] [2]",
        'tab[\t] quote["] dollar[$a]',
      ),
    },
  },
  {
    name: "indexing a string gives characters; past the end is $null",
    script: ps(
      "'abc'[0]",
      "'abc'[-1]",
      "$null -eq 'abc'[5]",
      "'abc'[1] -eq 'B'",
      "('abc'[0]).Length",
    ),
    want: { stdout: lines("a", "c", "True", "True", "1") },
  },
  {
    name: "ToLower, ToUpper and comparisons after them",
    script: ps("'ABC'.ToLower()", "'abc'.ToUpper() -ceq 'ABC'", "'MiXeD'.ToLowerInvariant()"),
    want: { stdout: lines("abc", "True", "mixed") },
  },
  {
    name: "ToUpperInvariant and ToUpper map each character alone: sharp s stays one character",
    script: ps(
      "$s = ('a' + [char]0x00DF).ToUpperInvariant()",
      "$s.Length",
      "$s -ceq ('A' + [char]0x00DF)",
      "('a' + [char]0x00DF).ToUpper().Length",
    ),
    want: { stdout: lines("2", "True", "2") },
  },
  {
    name: "[Console]::Error.WriteLine is void: a function's output gains no $null from it",
    script: ps(
      "function Get-One { [Console]::Error.WriteLine(''); return @{ A = 1 } }",
      "$one = Get-One",
      "@($one).Count",
    ),
    want: { stdout: lines("1") },
  },
];

const chars: PwshConstructCase[] = [
  {
    name: "[char]0x... literals and string + [char]",
    script: ps(
      "[char]0x41",
      "[char]0x41 + 'b'",
      "'a' + [char]0x42",
      "$word = 'D' + [char]0x00E9 + 'co'",
      "$word.Length",
      "[int][char]$word.Substring(1, 1)",
      "('' + [char]0x0414 + [char]0x0438).Length",
      "[char]0x043D -eq [char]0x041D",
    ),
    want: { stdout: lines("A", "Ab", "aB", "4", "233", "2", "True") },
  },
  {
    name: "[char] arithmetic: a char is a number on the right, text on the left of +",
    script: ps(
      "[int][char]'a'",
      "[char]([int][char]'a' + 1)",
      "1 + [char]'a'",
      "[char]'a' + 1",
      "[char]'a' - 1",
      "[char]'a' + [char]'b'",
      "[char]97",
      "[int]'abc'[0]",
    ),
    want: { stdout: lines("97", "b", "98", "a1", "96", "ab", "a", "97") },
  },
  {
    name: "[char] comparisons convert the right operand to a char",
    script: ps(
      "[char]'a' -eq 'A'",
      "[char]'A' -ceq 'a'",
      "[char]'5' -eq 5",
      "[char]'a' -eq 97",
      "'a' -eq [char]'a'",
      "[char]'a' -eq 'ab'",
      "[char]'a' -lt 'b'",
      "@([char]'a', 'b') -contains 'A'",
    ),
    want: {
      stdout: lines("True", "False", "False", "True", "True", "False", "True", "True"),
    },
  },
];

const numbers: PwshConstructCase[] = [
  {
    name: "division gives a double only when it must; doubles print with 15 digits",
    script: ps(
      "7 / 2",
      "6 / 2",
      "0.1 + 0.2",
      "1 / 3",
      "2 / 3",
      "1.5 * 2",
      "10 % 3",
      "-7 % 3",
      "[math]::Floor(7 / 2)",
      "[int][math]::Floor(5400000 / 60000)",
    ),
    want: {
      stdout: lines(
        "3.5",
        "3",
        "0.3",
        "0.333333333333333",
        "0.666666666666667",
        "3",
        "1",
        "-1",
        "3",
        "90",
      ),
    },
  },
  {
    name: "doubles print with 15 significant digits, tiny ones with an exponent",
    script: ps(
      "0.0001",
      "0.00001",
      "2.5e-5 * 3",
      "123456789.123456789",
      "1 / 7",
      "-1 / 3",
      "100.0 / 8",
      "'idle=' + (90 / 60)",
    ),
    want: {
      stdout: lines(
        "0.0001",
        "1E-05",
        "7.5E-05",
        "123456789.123457",
        "0.142857142857143",
        "-0.333333333333333",
        "12.5",
        "idle=1.5",
      ),
    },
  },
  {
    name: "[int] rounds half to even and parses padded and signed text",
    script: ps(
      "[int]2.5",
      "[int]3.5",
      "[int]-2.5",
      "[int]'07'",
      "[int]' 42 '",
      "[int]'-3'",
      "[int]'0x1F'",
      "2147483647 + 1",
    ),
    want: { stdout: lines("2", "4", "-2", "7", "42", "-3", "31", "2147483648") },
  },
  {
    name: "[int] of text that is not a number throws a catchable error",
    script: ps(
      "try { [int]'x' } catch { 'caught' }",
      "try { $n = [int]'12a' } catch [System.Management.Automation.RuntimeException] { 'runtime' }",
      "'1a' -match '^\\d+$'",
    ),
    want: { stdout: lines("caught", "runtime", "False") },
  },
  {
    name: "[int]'x' exception message",
    script: ps("try { [int]'x' } catch { $_.Exception.Message }"),
    want: {
      stdout: lines(
        'Cannot convert value "x" to type "System.Int32". Error: "Input string was not in a correct format."',
      ),
    },
    divergence: {
      evidence: dotnetCoreMessages,
      pwsh: {
        stdout: lines(
          'Cannot convert value "x" to type "System.Int32". Error: "The input string \'x\' was not in a correct format."',
        ),
      },
    },
  },
  {
    name: "++ and += on variables, hashtable entries and $script: variables",
    script: ps(
      "$i = 5",
      "$i++",
      "$i += 2",
      "$h = @{ n = 0 }",
      "$h.n++",
      "$h['n'] += 10",
      "$script:exitCode = 0",
      "function Set-Failed { if ($script:exitCode -eq 0) { $script:exitCode = 1 } }",
      "Set-Failed",
      '"$i $($h.n) $script:exitCode"',
    ),
    want: { stdout: lines("8 11 1") },
  },
];

const arrays: PwshConstructCase[] = [
  {
    name: "@() always gives an array: one item, $null, nested arrays, nothing",
    script: ps(
      "@('a').Count",
      "@($null).Count",
      "@(@(1, 2)).Count",
      "@().Count",
      "(, 1).Count",
      "$n = $null",
      "$n.Count",
      "'s'.Count",
      "$a = @()",
      "$a += 'x'",
      "$a += 'y'",
      "$a.Count",
      "$a[-1]",
    ),
    want: { stdout: lines("1", "1", "2", "0", "1", "0", "1", "2", "y") },
  },
  {
    name: "functions unroll what they return; @() around the call collects it",
    script: ps(
      "function Get-None { return @() }",
      "function Get-One { return @('only') }",
      "function Get-Two { 'a'; 'b' }",
      "$none = Get-None",
      "$null -eq $none",
      "@(Get-None).Count",
      "$one = Get-One",
      "$one.Length",
      "@(Get-One).Count",
      "(Get-Two).Count",
      "$wrapped = @{ Sessions = @() }",
      "$wrapped.Sessions.Count",
      "$null -eq $wrapped",
    ),
    want: { stdout: lines("True", "0", "4", "1", "2", "0", "False") },
  },
  {
    name: "foreach over $null runs zero times, over a scalar once; Select-Object -Skip",
    script: ps(
      "$n = 0",
      "foreach ($x in $null) { $n++ }",
      "foreach ($x in 'one') { $n += 10 }",
      "$n",
      "(@('h', 'a', '', 'b') | Select-Object -Skip 1 | Where-Object { $_ -ne '' }) -join ','",
      "(1, 2, 3 | Select-Object -First 2) -join ','",
      "$seen = @(1, 2, 3 | ForEach-Object { 'i' + $_ })",
      "$seen -join ','",
    ),
    want: { stdout: lines("10", "a,b", "1,2", "i1,i2,i3") },
  },
  {
    name: "switch -wildcard and -regex, break; while with continue",
    script: ps(
      "switch -wildcard ('rdp-tcp#1', 'console') {",
      "    'rdp*' { 'rdp ' + $_ }",
      "    default { 'other ' + $_ }",
      "}",
      "switch -regex ('id 42') {",
      "    '(\\d+)' { $Matches[1] }",
      "}",
      "switch (1) {",
      "    1 { 'x' }",
      "    1 { 'y'; break }",
      "    1 { 'z' }",
      "}",
      "$i = 0",
      "$odd = @()",
      "while ($i -lt 5) { $i++; if ($i % 2 -eq 0) { continue }; $odd += $i }",
      "$odd -join ','",
    ),
    want: { stdout: lines("rdp rdp-tcp#1", "other console", "42", "x", "y", "1,3,5") },
  },
  {
    name: "truthiness: empty string, 0, $null, empty and one-item arrays",
    script: ps(
      "foreach ($v in @('', 'x', 0, 1, '0', 'False')) { if ($v) { \"[$v] true\" } else { \"[$v] false\" } }",
      "if (@()) { 'empty: true' } else { 'empty: false' }",
      "if (@(0)) { 'zero: true' } else { 'zero: false' }",
      "if (@(0, 0)) { 'two: true' } else { 'two: false' }",
      "if (-not $null) { 'not null' }",
    ),
    want: {
      stdout: lines(
        "[] false",
        "[x] true",
        "[0] false",
        "[1] true",
        "[0] true",
        "[False] true",
        "empty: false",
        "zero: false",
        "two: true",
        "not null",
      ),
    },
  },
];

const native: PwshConstructCase[] = [
  {
    name: "native output becomes one string per line; @() keeps a one-line output an array",
    script: ps(
      "$lines = & query.exe session",
      "$lines.Count",
      "$lines[2]",
      "$LASTEXITCODE",
      "$one = & query.exe session /server:one",
      "$one.Length",
      "@(& query.exe session /server:one).Count",
      "$none = & query.exe session /server:none",
      "$null -eq $none",
      "@(& query.exe session /server:none).Count",
    ),
    world: {
      servers: {
        ...defaultWorld.servers,
        one: { querySession: { stdout: "single\r\n", stderr: "", exitCode: 0 }, sessionIds: [] },
        none: { querySession: { stdout: "", stderr: "", exitCode: 0 }, sessionIds: [] },
      },
    },
    want: {
      stdout: lines(
        "6",
        ">console           alice                     1  Active",
        "0",
        "6",
        "1",
        "True",
        "0",
      ),
      calls: [
        "query session",
        "query session /server:one",
        "query session /server:one",
        "query session /server:none",
        "query session /server:none",
      ],
    },
  },
  {
    name: "native lines end at CRLF, LF or a lone CR; a last empty line is dropped",
    script: ps("$l = @(& query.exe session)", "$l.Count", "$l -join '|'"),
    world: printing("a\r\nb\nc\rd\r\n\r\ne\r\n"),
    want: { stdout: lines("6", "a|b|c|d||e"), calls: ["query session"] },
  },
  {
    name: "native output in code page 850 ([Console]::OutputEncoding) decodes French state words",
    script: ps(
      "$l = @(& query.exe session)",
      "$l[0].Length",
      "$l[0] -eq ('D' + [char]0x00E9 + 'co')",
      "[int][char]$l[0].Substring(1, 1)",
      "[int][char]$l[1].Substring(0, 1)",
    ),
    // cp850: 0x82 is U+00E9, 0x9A is U+00DC.
    world: printing("D\x82co\r\n\x9A\r\n", { codePage: 850 }),
    want: { stdout: lines("4", "True", "233", "220"), calls: ["query session"] },
  },
  {
    name: "native output in code page 866 decodes Russian state words",
    script: ps(
      "$l = @(& query.exe session)",
      "$l[0] -eq ('' + [char]0x0414 + [char]0x0438 + [char]0x0441 + [char]0x043A)",
      "$l[1].Length",
      "[int][char]$l[1][0]",
    ),
    // cp866: 0x84 0xA8 0xE1 0xAA is "Диск", 0x80 0xAA 0xE2 0xA8 0xA2 0xAD 0xAE is "Активно".
    world: printing("\x84\xa8\xe1\xaa\r\n\x80\xaa\xe2\xa8\xa2\xad\xae\n", { codePage: 866 }),
    want: { stdout: lines("True", "7", "1040"), calls: ["query session"] },
  },
  {
    name: "the same byte decodes by the console's code page: 0x84 is a umlaut in 437",
    script: ps("$l = @(& query.exe session)", "[int][char]$l[0]", "$l[0] -eq [char]0x00E4"),
    world: printing("\x84\r\n", { codePage: 437 }),
    want: { stdout: lines("228", "True"), calls: ["query session"] },
  },
  {
    name: "$LASTEXITCODE and $? after native programs",
    script: ps(
      "$x = & query.exe session",
      '"[$?] [$LASTEXITCODE]"',
      "$null = & logoff.exe 2",
      '"[$?] [$LASTEXITCODE]"',
      "& logoff.exe 2",
      "$LASTEXITCODE",
      "$?",
    ),
    world: printing("out\r\n", { exitCode: 5 }),
    want: {
      stdout: lines("[False] [5]", "[True] [0]", "0", "True"),
      calls: ["query session", "logoff 2", "logoff 2"],
    },
  },
  {
    name: "2>$null drops native stderr from the value; 2>&1 merges it as error records",
    script: ps(
      "$x = @(& query.exe session /server:gone 2>$null)",
      "$x.Count",
      "$LASTEXITCODE",
      "$y = @(& query.exe session /server:gone 2>&1)",
      "$y.Count",
      "'[' + $y[1] + ']'",
    ),
    want: {
      stdout: lines("0", "1", "2", "[Error [1722]:The RPC server is unavailable.]"),
      calls: ["query session /server:gone", "query session /server:gone"],
    },
  },
  {
    name: "2>&1 output split by -is and -isnot [ErrorRecord]; a missing program is caught",
    script: ps(
      "$out = @(& query.exe session /server:gone 2>&1) + @('text')",
      "$records = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })",
      "$texts = @($out | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })",
      `"$($records.Count) $($texts.Count) [$($records -join '|')] [$($texts[0] -is [string])]"`,
      "try { & 'C:\\Windows\\Sysnative\\msg.exe' 1 hi } catch [System.Management.Automation.CommandNotFoundException] { 'not found' }",
      "'after'",
    ),
    // Real pwsh finds no C:\Windows\Sysnative on its host; the simulator is told msg is missing.
    world: { ...defaultWorld, missingPrograms: ["msg"] },
    want: {
      stdout: lines(
        "2 1 [Error 0x000006BA enumerating sessionnames|Error [1722]:The RPC server is unavailable.] [True]",
        "not found",
        "after",
      ),
      calls: ["query session /server:gone"],
    },
  },
  {
    name: "a failed logoff: $LASTEXITCODE -ne 0, the script goes on",
    script: ps(
      "& logoff.exe 99 2>$null",
      "$failed = $LASTEXITCODE -ne 0",
      '"failed=$failed"',
      "& logoff.exe 3",
      '"failed=$($LASTEXITCODE -ne 0)"',
    ),
    want: { stdout: lines("failed=True", "failed=False"), calls: ["logoff 99", "logoff 3"] },
  },
  {
    name: "native arguments: an array spreads, (expressions) join, spaces are quoted",
    script: ps(
      "$arguments = @('session')",
      "$arguments += ('/server:' + 'rdsh01')",
      "$lines = @(& query.exe $arguments 2>$null)",
      "$id = 3",
      "$message = 'Log off now'",
      "& msg.exe $id ('/server:' + 'rdsh01') ('/time:' + 300) $message",
      "& msg.exe $id '/time:5' 'a b' c",
    ),
    world: {
      servers: {
        ...defaultWorld.servers,
        rdsh01: { querySession: { stdout: "x\r\n", stderr: "", exitCode: 0 }, sessionIds: [3] },
      },
    },
    want: {
      stdout: "",
      calls: [
        "query session /server:rdsh01",
        "msg 3 /server:rdsh01 /time:300 Log off now",
        "msg 3 /time:5 a b c",
      ],
    },
  },
  {
    name: "native arguments: an empty string is dropped (5.1's legacy argument passing)",
    script: ps("$empty = ''", "& msg.exe 1 $empty x", "& msg.exe 2 '' y"),
    want: { stdout: "", calls: ["msg 1 x", "msg 2 y"] },
  },
  {
    name: "native arguments with quotes and a trailing backslash, passed the 5.1 way",
    script: ps(
      "& msg.exe 1 'say \"hi\" now'",
      "& msg.exe 2 'a\"b'",
      "& msg.exe 3 'C:\\my dir\\' next",
      "& msg.exe 4 '\"quoted words\"'",
    ),
    want: {
      stdout: "",
      calls: ["msg 1 say hi now", "msg 2 ab", 'msg 3 C:\\my dir" next', "msg 4 quoted words"],
    },
    divergence: {
      evidence:
        "5.1 wraps an argument with unquoted white space in quotes as it is, so a trailing " +
        'backslash escapes the closing quote and the program reads `C:\\my dir" next` as one ' +
        "argument (NativeCommandParameterBinder.cs as imported from Windows PowerShell in " +
        "PowerShell/PowerShell@60b3b304f2, lines 217-235). PowerShell 6 doubles trailing " +
        "backslashes inside the added quotes, in every argument passing mode, Legacy included " +
        "(PowerShell/PowerShell#4965)",
      pwsh: {
        calls: ["msg 1 say hi now", "msg 2 ab", "msg 3 C:\\my dir\\ next", "msg 4 quoted words"],
      },
    },
  },
  {
    name: "a native program by full path with & and a string",
    script: ps(
      '& "$env:SystemRoot\\System32\\query.exe" session | Out-Null',
      "$LASTEXITCODE",
      "logoff.exe 3",
    ),
    want: { stdout: lines("0"), calls: ["query session", "logoff 3"] },
    divergence: {
      evidence:
        "On Windows $env:SystemRoot is C:\\Windows and C:\\Windows\\System32\\query.exe is query.exe. " +
        "The oracle runs on Linux, where that path does not exist: pwsh cannot find the program " +
        "and the error ends the statement (not a PowerShell difference, a platform one)",
      pwsh: { stdout: null, calls: ["logoff 3"] },
    },
  },
];

const errors: PwshConstructCase[] = [
  {
    name: "a non-terminating error under Continue: $? is False and the script goes on",
    script: ps(
      "Write-Error 'bad' -ErrorAction SilentlyContinue",
      '"after [$?]"',
      "'next'",
      '"[$?]"',
    ),
    want: { stdout: lines("after [False]", "next", "[True]") },
  },
  {
    name: "$? after a function, an assignment and an if",
    script: ps(
      "function Test-Quiet { Write-Error 'x' -ErrorAction SilentlyContinue; 'ok' }",
      "$null = Test-Quiet",
      '"function [$?]"',
      "$null = & query.exe session",
      "$y = 1",
      '"assignment [$?]"',
      "$null = & query.exe session",
      "if ($true) { }",
      '"empty if [$?]"',
      "$null = & query.exe session",
      "if ($true) { $z = 1 }",
      '"if with a statement [$?]"',
    ),
    world: printing("out\r\n", { exitCode: 5 }),
    want: {
      stdout: lines(
        "function [True]",
        "assignment [True]",
        "empty if [False]",
        "if with a statement [True]",
      ),
      calls: ["query session", "query session", "query session"],
    },
  },
  {
    name: "$? after a condition that runs a command is True, whatever the command did",
    script: ps(
      "if (& query.exe session) { }",
      '"if [$?]"',
      "$n = 0",
      "while (& query.exe session) { $n++; if ($n -eq 2) { break } }",
      "$null = & query.exe session",
      '"assignment of a command [$?]"',
    ),
    world: printing("out\r\n", { exitCode: 5 }),
    want: {
      stdout: lines("if [True]", "assignment of a command [False]"),
      calls: ["query session", "query session", "query session", "query session"],
    },
  },
  {
    name: "5.1: $? is True after a statement that is an expression, even (command) or @(command)",
    script: ps(
      "$x = @(& query.exe session)",
      '"array [$?]"',
      "$y = (& query.exe session)",
      '"paren [$?]"',
      "$z = $(& query.exe session)",
      '"subexpression [$?]"',
    ),
    world: printing("out\r\n", { exitCode: 5 }),
    want: {
      stdout: lines("array [True]", "paren [True]", "subexpression [True]"),
      calls: ["query session", "query session", "query session"],
    },
    divergence: {
      evidence:
        "Windows PowerShell's compiler sets $? to true after any statement that is an expression " +
        "or assigns one (Compiler.cs CompileTrappableExpression, as imported from Windows " +
        "PowerShell in PowerShell/PowerShell@60b3b304f2, lines 2764-2799). PowerShell 7.0 " +
        "stopped doing that for (...), $(...) and @(...) that run commands " +
        "(PowerShell/PowerShell#11040, ShouldSetExecutionStatusToSuccess)",
      pwsh: { stdout: lines("array [False]", "paren [False]", "subexpression [False]") },
    },
  },
  {
    name: "-ErrorAction Stop makes an error catchable; $_ is the error",
    script: ps(
      "try { Write-Error 'bad thing' -ErrorAction Stop; 'not reached' } catch { 'caught: ' + $_ }",
      "try { Write-Error -Message 'msg' -ErrorAction Stop } catch { $_.Exception.Message }",
      "'after'",
    ),
    want: { stdout: lines("caught: bad thing", "msg", "after") },
  },
  {
    name: "$ErrorActionPreference Stop: a cmdlet error and a conversion error are caught",
    script: ps(
      "$ErrorActionPreference = 'Stop'",
      "try { Write-Error 'e1'; 'not reached' } catch { 'caught e1' }",
      "try { $n = [int]'x'; 'not reached' } catch { 'caught cast' }",
      "try { 'abc'.Substring(9) } catch { 'caught method' } finally { 'finally' }",
    ),
    want: { stdout: lines("caught e1", "caught cast", "caught method", "finally") },
  },
  {
    name: "SilentlyContinue hides a statement-terminating error and the script goes on",
    script: ps(
      "$ErrorActionPreference = 'SilentlyContinue'",
      "'abc'.Substring(9)",
      '"after method [$?]"',
      "$n = [int]'x'",
      '"after cast [$?]"',
    ),
    want: { stdout: lines("after method [False]", "after cast [False]") },
  },
  {
    name: "throw and catch: the message, a catch by type, finally",
    script: ps(
      "try { throw 'boom' } catch { \"caught [$_] [$($_.Exception.Message)]\" } finally { 'finally' }",
      "try { throw 'typed' } catch [System.InvalidCastException] { 'wrong' } catch [System.Management.Automation.RuntimeException] { 'runtime' }",
      "try { [int]'x' } catch [System.InvalidCastException] { 'cast' }",
      "function Test-Throw { throw 'inner' }",
      "try { Test-Throw; 'not reached' } catch { 'from function: ' + $_ }",
    ),
    want: {
      stdout: lines("caught [boom] [boom]", "finally", "runtime", "cast", "from function: inner"),
    },
  },
  {
    name: "a statement-terminating error in a try ends the try, not just the statement",
    script: ps(
      "function Test-Inner { 'abc'.Substring(9); 'rest of function' }",
      "try { Test-Inner; 'rest of try' } catch { 'caught' }",
    ),
    want: { stdout: lines("caught") },
  },
  {
    name: "an uncaught throw ends the script with exit code 1",
    script: ps("'before'", "throw 'boom'", "'not reached'"),
    want: { stdout: null, exitCode: 1 },
  },
  {
    name: "$ErrorActionPreference Stop: an uncaught error ends the script with exit code 1",
    script: ps(
      "$ErrorActionPreference = 'Stop'",
      "& logoff.exe 2",
      "Write-Error 'bad'",
      "& logoff.exe 3",
    ),
    want: { stdout: null, exitCode: 1, calls: ["logoff 2"] },
  },
  {
    name: "Write-Warning: shown as WARNING:, hidden by SilentlyContinue, shown then caught under Stop",
    script: ps(
      "Write-Warning ('rdlogoff: ' + 'this server' + ': logoff ' + 3 + ' failed')",
      "Write-Warning 'hidden' -WarningAction SilentlyContinue",
      "try { Write-Warning 'careful' -WarningAction Stop } catch { 'caught warning' }",
      "$WarningPreference = 'SilentlyContinue'",
      "Write-Warning 'also hidden'",
      "'after'",
    ),
    want: {
      stdout: lines("caught warning", "after"),
      warnings: ["rdlogoff: this server: logoff 3 failed", "careful"],
    },
  },
  {
    name: "5.1: redirected native stderr under Stop is a terminating error",
    script: ps(
      "$ErrorActionPreference = 'Stop'",
      "try { $x = & query.exe session /server:gone 2>$null; 'went on' } catch { 'caught' }",
    ),
    want: { stdout: lines("caught"), calls: ["query session /server:gone"] },
    divergence: {
      evidence:
        "In 5.1 a native program's redirected stderr lines are error records written through " +
        "the error preference (NativeCommandProcessor.cs line 951 and MshCommandRuntime.cs " +
        "_WriteErrorSkipAllowCheck as imported from Windows PowerShell in " +
        "PowerShell/PowerShell@60b3b304f2), so Stop makes the first one terminating. " +
        "PowerShell/PowerShell#13361 exempted them (experimental PSNotApplyErrorActionToStderr " +
        "in 7.1, stable in 7.2 by #15864)",
      pwsh: { stdout: lines("went on") },
    },
  },
  {
    name: "5.1: $? is False after a native program writes redirected stderr, even on exit code 0",
    script: ps("$x = & query.exe session 2>$null", '"[$?] [$LASTEXITCODE]"'),
    world: printing("out\r\n", { stderr: "note on stderr\r\n", exitCode: 0 }),
    want: { stdout: lines("[False] [0]"), calls: ["query session"] },
    divergence: {
      evidence:
        "In 5.1 each redirected stderr line is an error record written with WriteError, which " +
        "marks the pipeline failed (MshCommandRuntime.cs line 2857 at " +
        "PowerShell/PowerShell@60b3b304f2: `ExecutionFailed = true`), so $? is False. " +
        "PowerShell 7.1 sets $? False only on a non-zero exit code (PowerShell/PowerShell#13395, " +
        "listed in the breaking changes of what-s-new-in-powershell-71)",
      pwsh: { stdout: lines("[True] [0]") },
    },
  },
];

const exits: PwshConstructCase[] = [
  {
    name: "exit N sets the exit code",
    script: ps("'a'", "exit 3", "'b'"),
    want: { stdout: lines("a"), exitCode: 3 },
  },
  {
    name: "exit in a function ends the whole script",
    script: ps("function Stop-All { 'in'; exit 6 }", "'a'", "Stop-All", "'not reached'"),
    want: { stdout: lines("a", "in"), exitCode: 6 },
  },
  {
    name: "no exit: the exit code is 0 even after a failing native program",
    script: ps("$null = & logoff.exe 99 2>$null", '"[$LASTEXITCODE]"'),
    want: { stdout: lines("[1]"), calls: ["logoff 99"], exitCode: 0 },
  },
  {
    name: "exit $LASTEXITCODE passes a native program's code on",
    script: ps("& logoff.exe 99 2>$null", "exit $LASTEXITCODE"),
    want: { stdout: "", calls: ["logoff 99"], exitCode: 1 },
  },
  {
    name: "exit without a number is 0; return at the top ends the script",
    script: ps("'a'", "return", "'b'"),
    want: { stdout: lines("a"), exitCode: 0 },
  },
  {
    name: "exit in an advanced script, after a failure sets $script:exitCode (2 wins over 1)",
    script: ps(
      ...advanced,
      "$script:exitCode = 0",
      "function Set-Code {",
      "    param([int]$Code)",
      "    if ($Code -gt $script:exitCode) { $script:exitCode = $Code }",
      "}",
      "Set-Code 1",
      "Set-Code 2",
      "Set-Code 1",
      "exit $script:exitCode",
    ),
    want: { stdout: "", exitCode: 2 },
  },
  {
    name: "unknown arguments land in ValueFromRemainingArguments; the script exits 3",
    script: ps(
      ...advanced,
      "if ($UnknownArguments) { 'unknown: ' + ($UnknownArguments -join ' '); exit 3 }",
      "'known'",
    ),
    args: ["-Bogus", "x"],
    want: { stdout: lines("unknown: -Bogus x"), exitCode: 3 },
  },
];

const whatIf: PwshConstructCase[] = [
  {
    name: "-WhatIf: ShouldProcess prints What if: and says no; $WhatIfPreference is True",
    script: ps(
      ...advanced,
      "if ($PSCmdlet.ShouldProcess('rdsh01 session 3 (bob)', 'Log off')) { & logoff.exe 3 }",
      '"[$WhatIfPreference]"',
      "if ($WhatIfPreference) { 'dry' }",
    ),
    args: ["-WhatIf"],
    want: {
      stdout: lines(
        'What if: Performing the operation "Log off" on target "rdsh01 session 3 (bob)".',
        "[True]",
        "dry",
      ),
    },
  },
  {
    name: "without -WhatIf ShouldProcess says yes and $WhatIfPreference is False",
    script: ps(
      ...advanced,
      "if ($PSCmdlet.ShouldProcess('session 3', 'Log off')) { & logoff.exe 3 }",
      '"[$WhatIfPreference]"',
      "if (-not $WhatIfPreference) { 'live' }",
    ),
    want: { stdout: lines("[False]", "live"), calls: ["logoff 3"] },
  },
  {
    name: "ShouldProcess in a function of an advanced script sees the script's -WhatIf",
    script: ps(
      ...advanced,
      "function Invoke-One {",
      "    param($Id)",
      "    $result = 'dry-run'",
      "    if ($PSCmdlet.ShouldProcess(('session ' + $Id), 'Log off')) { & logoff.exe $Id; $result = 'ok' }",
      "    $result",
      "}",
      "Invoke-One 2",
      "Invoke-One 3",
    ),
    args: ["-WhatIf"],
    want: {
      stdout: lines(
        'What if: Performing the operation "Log off" on target "session 2".',
        "dry-run",
        'What if: Performing the operation "Log off" on target "session 3".',
        "dry-run",
      ),
    },
  },
  {
    name: "$WhatIfPreference = $true in the script (a dry-run target) has ShouldProcess print",
    script: ps(
      ...advanced,
      "$WhatIfPreference = $true",
      "if ($PSCmdlet.ShouldProcess('session 2', 'Log off')) { & logoff.exe 2 }",
      "'done'",
    ),
    want: {
      stdout: lines('What if: Performing the operation "Log off" on target "session 2".', "done"),
    },
  },
  {
    name: "Add-Content -WhatIf:$false writes the log even under -WhatIf",
    script: ps(
      ...advanced,
      "$logPath = 'C:\\logs\\rdlogoff.log'",
      "$line = 'server=this id=3 result=dry-run'",
      "if ($PSCmdlet.ShouldProcess('session 3', 'Log off')) { & logoff.exe 3 }",
      "Add-Content -LiteralPath $logPath -Value $line -WhatIf:$false",
      "Add-Content -LiteralPath $logPath -Value 'second' -WhatIf:$false",
    ),
    args: ["-WhatIf"],
    directories: ["C:\\logs"],
    want: {
      stdout: lines('What if: Performing the operation "Log off" on target "session 3".'),
      files: { "C:\\logs\\rdlogoff.log": "server=this id=3 result=dry-run\r\nsecond\r\n" },
    },
    divergence: {
      evidence:
        "Add-Content ends each line with [Environment]::NewLine: CRLF on Windows, LF under " +
        "pwsh on Linux (a platform difference, not a 5.1 one)",
      pwsh: { files: { "C:\\logs\\rdlogoff.log": "server=this id=3 result=dry-run\nsecond\n" } },
    },
  },
];

const host: PwshConstructCase[] = [
  {
    name: "Start-Sleep is recorded with its seconds",
    script: ps(
      "Start-Sleep -Seconds 5",
      "$warnSeconds = 300",
      "Start-Sleep -Seconds $warnSeconds",
      "Start-Sleep 2",
      "'woke'",
    ),
    want: {
      stdout: lines("woke"),
      calls: ["start-sleep -Seconds 5", "start-sleep -Seconds 300", "start-sleep -Seconds 2"],
    },
  },
  {
    name: "5.1: Start-Sleep -Seconds takes an [int], so 2.5 rounds to 2",
    script: ps("Start-Sleep -Seconds 2.5"),
    want: { stdout: "", calls: ["start-sleep -Seconds 2"] },
    divergence: {
      evidence:
        "Start-Sleep -Seconds is System.Int32 in 5.1 (learn.microsoft.com/powershell/module/" +
        "microsoft.powershell.utility/start-sleep?view=powershell-5.1), so 2.5 binds as 2 " +
        "(half to even); 'Beginning in PowerShell 6.2.0, this parameter now accepts fractional " +
        "values' (same page, view=powershell-7.4). The driver's stand-in takes a double too",
      pwsh: { calls: ["start-sleep -Seconds 2.5"] },
    },
  },
  {
    name: "Get-Date formats with ToString('yyyy-MM-dd HH:mm:ss') and -Format",
    script: ps(
      "(Get-Date).ToString('yyyy-MM-dd HH:mm:ss') -match '^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$'",
      "(Get-Date -Format 'HH:mm') -match '^\\d\\d:\\d\\d$'",
      "((Get-Date).AddMinutes(-5) -lt (Get-Date))",
    ),
    want: { stdout: lines("True", "True", "True") },
  },
  {
    name: "$env:COMPUTERNAME and the current session from Get-Process -Id $PID",
    script: ps(
      "$env:COMPUTERNAME",
      "$currentSessionId = (Get-Process -Id $PID).SessionId",
      "$currentSessionId + 1",
      "('rdsh01.contoso.com' -split '\\.')[0] -eq $env:COMPUTERNAME",
    ),
    world: { ...defaultWorld, computerName: "RDSH01", currentSessionId: 2 },
    want: { stdout: lines("RDSH01", "3", "True") },
  },
  {
    name: "Write-Output and Write-Host both reach the console; Out-Null and $null = do not",
    script: ps(
      "Write-Output 'out'",
      "Write-Host 'host'",
      "'dropped' | Out-Null",
      "$null = 'also dropped'",
      "Write-Output 'a' 'b'",
    ),
    want: { stdout: lines("out", "host", "a", "b") },
  },
];

/** Pieces of templates/powershell/safe.hbs, as the generated scripts run them. */
const template: PwshConstructCase[] = [
  {
    name: "safe template: the session filter (contains, -like patterns, $null options)",
    script: ps(
      "$excludeUsers = @('Admin')",
      "$onlyUsers = @()",
      "$excludeSessions = @('rdp-tcp#*')",
      "$excludeIds = @(7)",
      "$states = @('disconnected')",
      "$idleMinutes = $null",
      "$firstListenerId = 65536",
      "function Test-One {",
      "    param($Session)",
      "    if (-not $Session.User) { return $false }",
      "    if ($Session.Id -ge $firstListenerId) { return $false }",
      "    if ($excludeUsers -contains $Session.User) { return $false }",
      "    if ($onlyUsers.Count -gt 0 -and -not ($onlyUsers -contains $Session.User)) { return $false }",
      "    foreach ($pattern in $excludeSessions) {",
      "        if ($Session.Name -like $pattern) { return $false }",
      "    }",
      "    if ($excludeIds -contains $Session.Id) { return $false }",
      "    if ($states.Count -gt 0 -and -not ($states -contains $Session.State)) { return $false }",
      "    if ($idleMinutes -ne $null) { return $false }",
      "    return $true",
      "}",
      "$all = @(",
      "    @{ Name = ''; User = 'carol'; Id = 3; State = 'disconnected' },",
      "    @{ Name = ''; User = 'admin'; Id = 4; State = 'disconnected' },",
      "    @{ Name = 'RDP-Tcp#9'; User = 'dave'; Id = 5; State = 'disconnected' },",
      "    @{ Name = ''; User = 'erin'; Id = 7; State = 'disconnected' },",
      "    @{ Name = ''; User = 'frank'; Id = 8; State = 'active' },",
      "    @{ Name = 'services'; User = ''; Id = 0; State = 'disconnected' },",
      "    @{ Name = ''; User = 'gina'; Id = 65536; State = 'disconnected' }",
      ")",
      "(@($all | Where-Object { Test-One $_ }) | ForEach-Object { $_.User }) -join ','",
    ),
    want: { stdout: lines("carol") },
  },
  {
    name: "safe template: query session columns found from the header, rows read by column",
    script: ps(
      "$lines = @(& query.exe session 2>$null)",
      "if ($LASTEXITCODE -ne 0) { 'failed'; exit 2 }",
      "$lines = @($lines | Where-Object { $_ -ne '' })",
      "$padding = ' ' * 64",
      "$header = $lines[0] + $padding",
      "if ($header.Substring(44, 2) -eq 'ID') { $nameWidth = 18; $idEnd = 45 }",
      "elseif ($header.Substring(52, 2) -eq 'ID') { $nameWidth = 26; $idEnd = 53 }",
      "else { 'unknown header'; exit 2 }",
      "foreach ($raw in ($lines | Select-Object -Skip 1)) {",
      "    $line = $raw + $padding",
      "    if ($raw.Trim() -eq '' -or -not ($line.StartsWith(' ') -or $line.StartsWith('>'))) { continue }",
      "    $idText = $line.Substring($idEnd - 6, 7).Trim()",
      "    if ($idText -notmatch '^\\d+$' -or $line.Substring($idEnd + 1, 2) -ne '  ') { 'off grid'; exit 2 }",
      "    $word = ($line.Substring($idEnd + 3).Trim() -split ' ')[0]",
      "    $name = $line.Substring(1, $nameWidth).Trim()",
      "    $user = $line.Substring($nameWidth + 1, 20).Trim()",
      "    $current = $line.Substring(0, 1) -eq '>'",
      "    '{0}|{1}|{2}|{3}|{4}' -f $name, $user, [int]$idText, $word, $current",
      "}",
    ),
    want: {
      stdout: lines(
        "services||0|Disc|False",
        "console|alice|1|Active|True",
        "rdp-tcp#5|bob|2|Active|False",
        "|carol|3|Disc|False",
        "rdp-tcp||65536|Listen|False",
      ),
      calls: ["query session"],
    },
  },
  {
    name: "safe template: query user IDLE TIME as minutes (none, 5, 1+02:03)",
    script: ps(
      "$idle = @{}",
      "$lines = @(& query.exe user 2>$null)",
      "$padding = ' ' * 64",
      "if (($lines[0] + $padding).Substring(42, 2) -ne 'ID') { 'no header' }",
      "foreach ($raw in ($lines | Select-Object -Skip 1)) {",
      "    $line = $raw + $padding",
      "    $idText = $line.Substring(37, 7).Trim()",
      "    if ($idText -notmatch '^\\d+$') { continue }",
      "    $word = ($line.Substring(54, 12).Trim() -split ' ')[0]",
      "    $minutes = 0",
      "    if ($word -match '^(?:(\\d+)\\+)?(?:(\\d+):)?(\\d+)$') {",
      "        $days = 0",
      "        $hours = 0",
      "        if ($Matches[1]) { $days = [int]$Matches[1] }",
      "        if ($Matches[2]) { $hours = [int]$Matches[2] }",
      "        $minutes = $days * 1440 + $hours * 60 + [int]$Matches[3]",
      "    }",
      "    $idle[[int]$idText] = $minutes",
      "}",
      "foreach ($id in 1, 2, 3, 4) { 'id ' + $id + ': ' + $idle[$id] + ' ' + ($idle[$id] -eq $null) }",
    ),
    want: {
      stdout: lines("id 1: 0 False", "id 2: 5 False", "id 3: 1563 False", "id 4:  True"),
      calls: ["query user"],
    },
  },
  {
    name: "safe template: a failed listing is $null, an empty one a wrapped empty array",
    script: ps(
      "function Get-Lines {",
      "    param([string]$Server)",
      "    $arguments = @('session')",
      "    if ($Server) { $arguments += ('/server:' + $Server) }",
      "    $lines = @(& query.exe $arguments 2>$null)",
      "    if ($LASTEXITCODE -ne 0) { return $null }",
      "    return $lines",
      "}",
      "function Get-Listing {",
      "    param([string]$Server)",
      "    $lines = Get-Lines -Server $Server",
      "    if ($lines -eq $null) { return $null }",
      "    return @{ Sessions = @($lines | Where-Object { $_ -ne '' }) }",
      "}",
      "foreach ($server in '', 'empty', 'gone') {",
      "    $listing = Get-Listing -Server $server",
      '    if ($listing -eq $null) { "[$server] not listed" } else { "[$server] $($listing.Sessions.Count) lines" }',
      "}",
    ),
    world: {
      servers: {
        ...defaultWorld.servers,
        empty: { querySession: { stdout: "", stderr: "", exitCode: 0 }, sessionIds: [] },
      },
    },
    want: {
      stdout: lines("[] 6 lines", "[empty] not listed", "[gone] not listed"),
      calls: ["query session", "query session /server:empty", "query session /server:gone"],
    },
  },
  {
    name: "safe template: unknown arguments are reported with Write-Error and exit 3",
    script: ps(
      ...advanced,
      "if ($UnknownArguments) {",
      "    Write-Error -Message ('rdlogoff: unknown arguments: ' + ($UnknownArguments -join ' ') + '; use -WhatIf or -Confirm')",
      "    exit 3",
      "}",
      "& logoff.exe 2",
    ),
    args: ["/dryrun"],
    want: { stdout: null, exitCode: 3 },
  },
];

const broker: PwshConstructCase[] = [
  {
    name: "KB script: Get-RDUserSession | ? { disconnected } | foreach Invoke-RDUserLogoff",
    script: ps(
      '$sessions = Get-RDUserSession |  ? {$_.SessionState -eq "STATE_DISCONNECTED"}',
      "foreach($session in $sessions)",
      "{",
      "    Invoke-RDUserLogoff -HostServer $session.HostServer -UnifiedSessionID $session.UnifiedSessionId -Force",
      "}",
    ),
    world: brokerWorld,
    want: {
      stdout: "",
      calls: [
        "invoke-rduserlogoff -HostServer rdsh01.contoso.com -UnifiedSessionID 4 -Force",
        "invoke-rduserlogoff -HostServer rdsh02.contoso.com -UnifiedSessionID 7 -Force",
      ],
    },
  },
  {
    name: "broker sessions: properties, [math]::Floor of IdleTime, -split of HostServer",
    script: ps(
      "Import-Module -Name RemoteDesktop -ErrorAction Stop",
      "foreach ($s in @(Get-RDUserSession -ErrorAction Stop)) {",
      "    $hostName = ([string]$s.HostServer -split '\\.')[0]",
      "    $idle = [int][math]::Floor($s.IdleTime / 60000)",
      "    $hostName + ' ' + [int]$s.UnifiedSessionId + ' ' + [string]$s.UserName + ' ' + $idle",
      "}",
      "(Get-RDUserSession -CollectionName 'Apps').UserName",
    ),
    world: brokerWorld,
    want: { stdout: lines("rdsh01 3 alice 0", "rdsh01 4 bob 90", "rdsh02 7 carol 1", "carol") },
  },
  {
    name: "broker sessions: minutes from DisconnectTime to Get-Date in UTC, none when null or DateTime's default",
    script: ps(
      "$listed = @(Get-RDUserSession -ErrorAction Stop)",
      "$now = Get-Date",
      "foreach ($s in $listed) {",
      "    $minutes = 'none'",
      "    if ($null -ne $s.DisconnectTime -and $s.DisconnectTime.Year -gt 1601) { $minutes = [int][math]::Floor(($now.ToUniversalTime() - $s.DisconnectTime.ToUniversalTime()).TotalMinutes) }",
      "    [string]$s.UserName + ' ' + $minutes",
      "}",
    ),
    world: brokerWorld,
    want: { stdout: lines("alice none", "bob 90", "carol none") },
  },
  {
    name: "RemoteDesktop absent: Get-Module -ListAvailable finds nothing, the script falls back",
    script: ps(
      "$useBroker = $false",
      "if (Get-Module -ListAvailable -Name RemoteDesktop) { $useBroker = $true }",
      '"broker=$useBroker"',
    ),
    want: { stdout: lines("broker=False") },
  },
  {
    name: "no deployment: Get-RDUserSession -ErrorAction Stop is caught",
    script: ps(
      "$useBroker = $false",
      "if (Get-Module -ListAvailable -Name RemoteDesktop) {",
      "    try {",
      "        Import-Module -Name RemoteDesktop -ErrorAction Stop",
      "        $null = Get-RDUserSession -ErrorAction Stop",
      "        $useBroker = $true",
      "    } catch {",
      "        'no deployment: ' + $_",
      "    }",
      "}",
      '"broker=$useBroker"',
    ),
    world: { ...defaultWorld, rdUserSessions: [], rdDeployment: false },
    want: {
      stdout: lines(
        "no deployment: A Remote Desktop Services deployment does not exist in the server pool.",
        "broker=False",
      ),
    },
  },
  {
    name: "Invoke-RDUserLogoff of a session the broker lacks fails; try/catch sees it",
    script: ps(
      "$failed = $false",
      "try { Invoke-RDUserLogoff -HostServer rdsh09 -UnifiedSessionID 8 -Force -ErrorAction Stop } catch { $failed = $true }",
      '"failed=$failed"',
      "Invoke-RDUserLogoff -HostServer rdsh01.contoso.com -UnifiedSessionID 3 -Force",
      "(Get-RDUserSession).Count",
    ),
    world: brokerWorld,
    want: {
      stdout: lines("failed=True", "2"),
      calls: [
        "invoke-rduserlogoff -HostServer rdsh09 -UnifiedSessionID 8 -Force",
        "invoke-rduserlogoff -HostServer rdsh01.contoso.com -UnifiedSessionID 3 -Force",
      ],
    },
  },
];

/** The table; every row is observable through its output, calls and exit code. */
export const pwshCases: PwshConstructCase[] = [
  ...comparisons,
  ...patterns,
  ...hashtables,
  ...strings,
  ...chars,
  ...numbers,
  ...arrays,
  ...native,
  ...errors,
  ...exits,
  ...whatIf,
  ...host,
  ...template,
  ...broker,
];
