/**
 * The oracle's table of small batch scripts: each row pins one cmd.exe construct to the
 * external calls (and, where it says something, the stdout) that Windows produces. The
 * differential test runs every row under Wine's cmd.exe and under the simulator; the
 * simulator's own tests may reuse the table.
 *
 * Rows call `msg * ...` as a probe: msg only records its arguments, so the call log shows what
 * the construct produced. Expected values follow Windows (cmd-semantics.md, Wine's Windows-run
 * .exp lines); where Wine 8 is known to differ, the row says so in `wineDiffers`, with its
 * evidence, and lists what Wine does instead. Every such row is listed in WINE-DIVERGENCES.md.
 */
import type { SessionWorldConfig } from "../../src/simulate/world.js";

/** What Wine 8 does instead of Windows for one row, and the evidence that Windows differs. */
export interface WineDivergence {
  evidence: string;
  wine: { calls: string[]; stdout?: string };
}

/** One oracle row. `script` is a byte string with CRLF line ends, as cmd.exe reads files. */
export interface OracleCase {
  name: string;
  script: string;
  world?: SessionWorldConfig;
  args?: string[];
  wantCalls: string[];
  wantStdout?: string;
  wineDiffers?: WineDivergence;
}

/** A batch script from an indented template: drops the first newline, ends lines in CRLF. */
function bat(strings: TemplateStringsArray): string {
  return String.raw(strings).replace(/^\n/, "").replace(/\n/g, "\r\n");
}

/** Console lines as cmd prints them (CRLF after each). */
function lines(...text: string[]): string {
  return text.map((line) => `${line}\r\n`).join("");
}

/**
 * A narrow-layout `query session` listing (FORMAT-NOTES.md §1) with the rows that trip the KB
 * script: a services row without user, the current console, an RDP user, a disconnected user
 * with a blank session name and a listener. ASCII only: Wine re-encodes non-ASCII text.
 */
export const narrowListing: string = lines(
  " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE",
  " services                                    0  Disc",
  ">console           alice                     1  Active",
  " rdp-tcp#5         bob                       2  Active",
  "                   carol                     3  Disc",
  " rdp-tcp                                 65536  Listen",
);

/** The local server with `narrowListing`; sessions 0-3 can be logged off. */
export const defaultWorld: SessionWorldConfig = {
  servers: {
    "": {
      querySession: { stdout: narrowListing, stderr: "", exitCode: 0 },
      sessionIds: [0, 1, 2, 3],
    },
  },
};

const findstrInPipe =
  "reference README, Wine 8 gaps: `findstr` in a pipe yields nothing; Microsoft Learn findstr.md";

/** The table; every row is observable through the call log. */
export const oracleCases: OracleCase[] = [
  {
    name: "@ hides the command, echo off, echo text",
    script: bat`
@echo off
echo hello world
msg * one
`,
    wantCalls: ["msg * one"],
    wantStdout: lines("hello world"),
  },
  {
    name: "rem and :: lines run nothing",
    script: bat`
@echo off
rem msg * rem
:: msg * colons
REM msg * upper
msg * after
`,
    wantCalls: ["msg * after"],
  },
  {
    name: "goto a label skips lines",
    script: bat`
@echo off
goto skip
msg * skipped
:skip
msg * landed
goto :end
msg * skipped2
:end
`,
    wantCalls: ["msg * landed"],
  },
  {
    name: "goto :eof ends the script",
    script: bat`
@echo off
msg * before
goto :eof
msg * after
`,
    wantCalls: ["msg * before"],
  },
  {
    name: "call :label passes %1..%9 and returns",
    script: bat`
@echo off
call :sub a b c d e f g h i j
msg * back
goto :eof
:sub
msg * %1 %2 %3 %4 %5 %6 %7 %8 %9
goto :eof
`,
    wantCalls: ["msg * a b c d e f g h i", "msg * back"],
  },
  {
    name: "%~1 strips the quotes that %1 keeps",
    script: bat`
@echo off
call :sub "x y" z
goto :eof
:sub
echo [%1] [%~1] [%2] [%~3]
msg * %~1
`,
    wantCalls: ["msg * x y"],
    wantStdout: lines('["x y"] [x y] [z] []'),
  },
  {
    name: "shift moves the arguments down",
    script: bat`
@echo off
call :sub a b c
goto :eof
:sub
shift
msg * %1 %2
shift
msg * %1
`,
    wantCalls: ["msg * b c", "msg * c"],
  },
  {
    name: "script arguments %1 %2 %*",
    script: bat`
@echo off
msg * %2 %1
echo %*
`,
    args: ["alpha", "beta"],
    wantCalls: ["msg * beta alpha"],
    wantStdout: lines("alpha beta"),
  },
  {
    name: "exit /b N sets errorlevel for the caller",
    script: bat`
@echo off
call :sub
echo %errorlevel%
if errorlevel 4 msg * four
if errorlevel 3 msg * three
goto :eof
:sub
exit /b 3
`,
    wantCalls: ["msg * three"],
    wantStdout: lines("3"),
  },
  {
    name: "setlocal and endlocal restore the environment",
    script: bat`
@echo off
set X=1
setlocal
set X=2
msg * %X%
endlocal
msg * %X%
`,
    wantCalls: ["msg * 2", "msg * 1"],
  },
  {
    name: "EnableDelayedExpansion reads !var! at run time, %var% at read time",
    script: bat`
@echo off
setlocal EnableDelayedExpansion
set X=1
(
set X=2
msg * %X% !X!
)
`,
    wantCalls: ["msg * 1 2"],
  },
  {
    name: "DisableDelayedExpansion leaves !var! alone",
    script: bat`
@echo off
setlocal DisableDelayedExpansion
set X=1
msg * !X! %X%
`,
    wantCalls: ["msg * !X! 1"],
  },
  {
    name: "setlocal EnableExtensions with set /a",
    script: bat`
@echo off
setlocal EnableExtensions DisableDelayedExpansion
set /a N=2+3*4
msg * %N%
`,
    wantCalls: ["msg * 14"],
  },
  {
    name: 'set "name=value" keeps specials inside the quotes',
    script: bat`
@echo off
set "A=x & y"
set "B=apple"banana"grape"orange
msg * "%A%"
echo '%B%'
`,
    wantCalls: ["msg * x & y"],
    wantStdout: lines(`'apple"banana"grape'`),
  },
  {
    name: "plain set keeps trailing spaces, empty set deletes",
    script: bat`
@echo off
set B=v  
echo [%B%]
set B=
if not defined B msg * deleted
`,
    wantCalls: ["msg * deleted"],
    wantStdout: lines("[v  ]"),
  },
  {
    name: "set /a operators and compound assignment",
    script: bat`
@echo off
set /a N=(7*3)%%4+10/3
set /a N+=5
set /a M="N<<2"
msg * %N% %M%
`,
    wantCalls: ["msg * 9 36"],
  },
  {
    name: "if == is case-sensitive, /i is not, not inverts",
    script: bat`
@echo off
if abc==ABC msg * cs
if /i abc==ABC msg * ci
if not a==b msg * not
if "a b"=="a b" msg * quoted
`,
    wantCalls: ["msg * ci", "msg * not", "msg * quoted"],
  },
  {
    name: "if equ neq lss leq gtr geq compare numbers, else strings",
    script: bat`
@echo off
if 10 gtr 9 msg * gtr
if "10" gtr "9" (msg * strgtr) else msg * strle
if 011 equ 9 msg * octal
if 0xA1 equ 161 msg * hex
if 2 leq 2 msg * leq
if 1 lss 2 msg * lss
if 3 geq 4 msg * geq
if 1 neq 2 msg * neq
`,
    wantCalls: [
      "msg * gtr",
      "msg * strle",
      "msg * octal",
      "msg * hex",
      "msg * leq",
      "msg * lss",
      "msg * neq",
    ],
  },
  {
    name: "if defined",
    script: bat`
@echo off
set D=1
if defined D msg * d
if not defined E msg * note
if defined E msg * e
`,
    wantCalls: ["msg * d", "msg * note"],
  },
  {
    name: "if exist after > and del",
    script: bat`
@echo off
echo x>f.txt
if exist f.txt msg * yes
if not exist g.txt msg * no
del f.txt
if exist f.txt msg * still
`,
    wantCalls: ["msg * yes", "msg * no"],
  },
  {
    name: "if errorlevel N is >= N after a failing logoff",
    script: bat`
@echo off
logoff 99 2>nul
if errorlevel 1 echo e1
if errorlevel 2 echo e2
if not errorlevel 1 echo ok1
logoff 2
if not errorlevel 1 echo ok2
`,
    wantCalls: ["logoff 99", "logoff 2"],
    wantStdout: lines("e1", "ok2"),
  },
  {
    name: "else with multi-line parenthesized blocks",
    script: bat`
@echo off
if 1==2 (
  msg * a
) else (
  msg * b
  msg * c
)
if 1==1 (msg * d) else (msg * e)
`,
    wantCalls: ["msg * b", "msg * c", "msg * d"],
  },
  {
    name: "& runs both commands",
    script: bat`
@echo off
msg * a & msg * b
if 1==1 echo c & msg * d
`,
    wantCalls: ["msg * a", "msg * b", "msg * d"],
    wantStdout: lines("c "),
  },
  {
    name: "&& and || follow the exit code",
    script: bat`
@echo off
logoff 1 && msg * ok
logoff 99 2>nul || msg * failed
logoff 98 2>nul && msg * never
logoff 2 || msg * never2
`,
    wantCalls: ["logoff 1", "msg * ok", "logoff 99", "msg * failed", "logoff 98", "logoff 2"],
    wineDiffers: {
      evidence:
        "Microsoft's command shell overview: && runs the next command only if the preceding one succeeds, || only if it fails (cmd-semantics.md 3.6); Wine 8 runs both branches",
      wine: {
        calls: [
          "logoff 1",
          "msg * ok",
          "logoff 99",
          "msg * failed",
          "logoff 98",
          "msg * never",
          "logoff 2",
          "msg * never2",
        ],
      },
    },
  },
  {
    name: "& after a for body belongs to the body",
    script: bat`
@echo off
for %%i in (a b) do msg * %%i & msg * z
`,
    wantCalls: ["msg * a", "msg * z", "msg * b", "msg * z"],
    wineDiffers: {
      evidence:
        "cmd-semantics.md 2 (phase 2: the DO command is the rest of the line, & included; SO Q4094699); Wine 8 runs the part after & once, after the loop",
      wine: { calls: ["msg * a", "msg * b", "msg * z"] },
    },
  },
  {
    name: "> >> < redirection",
    script: bat`
@echo off
echo one>f.txt
echo two>>f.txt
type f.txt
find "two" <f.txt
for /f "delims=" %%l in (f.txt) do msg * %%l
`,
    wantCalls: ["msg * one", "msg * two"],
    wantStdout: lines("one", "two", "two"),
  },
  {
    name: "2>nul, >nul 2>&1",
    script: bat`
@echo off
echo visible 2>nul
echo hidden >nul
logoff 99 >nul 2>&1 || msg * quiet
`,
    wantCalls: ["logoff 99", "msg * quiet"],
    wantStdout: lines("visible "),
  },
  {
    name: "query session piped through find",
    script: bat`
@echo off
query session | find "Active"
query session | find "Listen" >nul && echo listening
`,
    wantCalls: ["query session", "query session"],
    wantStdout: lines(
      ">console           alice                     1  Active",
      " rdp-tcp#5         bob                       2  Active",
      "listening",
    ),
  },
  {
    name: "find /i /c /v as pipe filters",
    script: bat`
@echo off
query session | find /i /c "disc"
query session | find /v "Disc" | find /v "Active"
`,
    wantCalls: ["query session", "query session"],
    wantStdout: lines(
      "2",
      " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE",
      " rdp-tcp                                 65536  Listen",
    ),
    wineDiffers: {
      evidence:
        "Microsoft Learn find.md documents /v /c /i; Wine 8's find.exe rejects every switch",
      wine: {
        calls: ["query session", "query session"],
        stdout: lines("FIND: Invalid switch", "FIND: Invalid switch"),
      },
    },
  },
  {
    name: "^ escapes special characters",
    script: bat`
@echo off
echo a^&b ^<c^> ^^d
msg * a^&b
`,
    wantCalls: ["msg * a&b"],
    wantStdout: lines("a&b <c> ^d"),
  },
  {
    name: "%var% expands once, undefined is empty, %% is %",
    script: bat`
@echo off
set V=val
set P=%%V%%
msg * %V%x [%UNDEFINED%] %P%
`,
    wantCalls: ["msg * valx [] %V%"],
    wineDiffers: {
      evidence:
        "cmd-semantics.md 2, phase 1: expanded text is not rescanned for % (SO Q4094699); Wine 8 expands the %V% that %P% produced",
      wine: { calls: ["msg * valx [] val"] },
    },
  },
  {
    name: "!var! holding ! is not rescanned (the safe re-check compares names so)",
    script: bat`
@echo off
set "A=x!y!z"
set "B=x!q!z"
setlocal EnableDelayedExpansion
set "SAME=no"
if /i "!A!"=="!B!" set "SAME=yes"
endlocal & set "SAME=%SAME%"
msg * %SAME%
`,
    wantCalls: ["msg * no"],
    wineDiffers: {
      evidence:
        "cmd-semantics.md 2, phase 5: the value a !var! expansion produces is not parsed again (SO Q4094699); Wine 8 expands the !y! and !q! inside the values, so both become xz",
      wine: { calls: ["msg * yes"] },
    },
  },
  {
    name: "if /i on !var! values with & ^ and blanks; endlocal & set carries a flag out",
    script: bat`
@echo off
set "A=a&b^c d"
set "B=A&B^C D"
set "SAME="
setlocal EnableDelayedExpansion
if /i "!A!"=="!B!" set "SAME=1"
if /i "!A!"=="!UNDEF!" set "SAME=2"
endlocal & set "SAME=%SAME%"
msg * [%SAME%]
setlocal EnableDelayedExpansion
set "SAME="
if /i "!A!"=="!UNDEF!" set "SAME=2"
endlocal & set "SAME=%SAME%"
if defined SAME msg * still
msg * [%SAME%]
`,
    wantCalls: ["msg * [1]", "msg * []"],
  },
  {
    name: "!var! counts inside a for loop",
    script: bat`
@echo off
setlocal EnableDelayedExpansion
set C=0
for %%i in (a b c) do (
  set /a C+=1
  msg * %%i !C! %C%
)
`,
    wantCalls: ["msg * a 1 0", "msg * b 2 0", "msg * c 3 0"],
  },
  {
    name: "%%i ~ modifiers",
    script: bat`
@echo off
for %%f in ("C:\dir one\name.ext") do msg * %%~nf %%~xf %%~nxf %%~df
for %%f in ("C:\dir one\name.ext") do echo %%~dpf^|%%~pf^|%%~f^|%%f
`,
    wantCalls: ["msg * name .ext name.ext C:"],
    wantStdout: lines('C:\\dir one\\|\\dir one\\|C:\\dir one\\name.ext|"C:\\dir one\\name.ext"'),
  },
  {
    name: "%~x0 and %~dp0 of the running script",
    script: bat`
@echo off
msg * %~x0
set D=%~dp0
if "%D%"=="%~d0%~p0" msg * parts
if "%D:~1,2%%D:~-1%"==":\\" msg * absolute
`,
    wantCalls: ["msg * .bat", "msg * parts", "msg * absolute"],
  },
  {
    name: "%var:~n,m% substrings",
    script: bat`
@echo off
set S=abcdef
msg * %S:~1,3% %S:~-2% %S:~2% %S:~0,-4%
`,
    wantCalls: ["msg * bcd ef cdef ab"],
  },
  {
    name: "%var:a=b% substitution",
    script: bat`
@echo off
set S=a-b-c
msg * %S:-=+% %S:*b=X% %S:B=y%
`,
    wantCalls: ["msg * a+b+c X-c a-y-c"],
  },
  {
    name: "for over a set split at spaces, commas, semicolons",
    script: bat`
@echo off
for %%i in (a b,c;d "e f") do msg * %%i
`,
    wantCalls: ["msg * a", "msg * b", "msg * c", "msg * d", "msg * e f"],
  },
  {
    name: "for /l counts up and down",
    script: bat`
@echo off
for /l %%i in (1,2,7) do msg * %%i
for /l %%i in (3,-1,2) do msg * down %%i
`,
    wantCalls: ["msg * 1", "msg * 3", "msg * 5", "msg * 7", "msg * down 3", "msg * down 2"],
  },
  {
    name: "for /f skip=1 tokens=3 over the listing file (the KB bug)",
    script: bat`
@echo off
query session >s.txt
for /f "skip=1 tokens=3" %%i in (s.txt) do msg * %%i
del s.txt
`,
    wantCalls: ["query session", "msg * Disc", "msg * 1", "msg * 2", "msg * Disc", "msg * Listen"],
  },
  {
    name: "for /f over a command: query's exit code as the last line (%^errorlevel% and call)",
    script: bat`
@echo off
for /f "delims=" %%L in ('query session 2^>nul ^& echo.^& call echo RDL-EXIT %%^^errorlevel%%') do msg * [%%L]
`,
    world: {
      servers: {
        "": {
          // No line end after the last row: echo. ends it, and does not change the errorlevel.
          querySession: { stdout: " head\r\n services 0 Disc", stderr: "failed\r\n", exitCode: 5 },
          sessionIds: [],
        },
      },
    },
    wantCalls: ["query session", "msg * [ head]", "msg * [ services 0 Disc]", "msg * [RDL-EXIT 5]"],
  },
  {
    name: "a command line keeps an undefined %name% and %%, as cmd /c does",
    script: bat`
@echo off
set "RDL_X=x"
cmd /c msg * %%RDL_X%% %%^^RDL_NONE%% 100%%%%
`,
    wantCalls: ["msg * x %RDL_NONE% 100%%"],
  },
  {
    name: "the /COUNTER footer test: text to the last colon cut, then digits and spaces as delims",
    script: bat`
@echo off
set "F=Totale sessioni create: 12"
:cut
if not "%F::=%"=="%F%" set "F=%F:*:=%" & goto :cut
msg * [%F%]
for /f "delims=0123456789 " %%X in ("%F%") do msg * footer-bad
set "G= ;12"
set "G=%G:;=x%"
for /f "delims=0123456789 " %%X in ("%G%") do msg * bad [%%X]
for /f "delims=0123456789 " %%X in (" 1a 2 ") do msg * bad [%%X]
`,
    wantCalls: ["msg * [ 12]", "msg * bad [x]", "msg * bad [a]"],
  },
  {
    name: "for /f tokens list and ranges",
    script: bat`
@echo off
for /f "tokens=1,3,5-6" %%a in ("a b c d e f g") do msg * %%a %%b %%c %%d
for /f "tokens=3,2,1*" %%a in ("a b c d e f g") do msg * %%a %%b %%c %%d
`,
    wantCalls: ["msg * a c e f", "msg * a b c d e f g"],
  },
  {
    name: "for /f tokens=n* keeps the raw rest of the line",
    script: bat`
@echo off
for /f "tokens=2*" %%a in ("a b  c   d") do echo [%%a] [%%b]
for /f "tokens=*" %%a in ("   lead trail") do echo [%%a]
for /f "tokens=2*" %%a in ("single") do msg * never
`,
    wantCalls: [],
    wantStdout: lines("[b] [c   d]", "[lead trail]"),
  },
  {
    name: "for /f tokens=3, with a trailing comma is tokens=3",
    script: bat`
@echo off
for /f "tokens=3," %%i in ("a b c d") do msg * %%i
`,
    wantCalls: ["msg * c"],
  },
  {
    name: "for /f eol= skips comment lines after leading blanks",
    script: bat`
@echo off
echo #comment>f.txt
echo x y>>f.txt
echo   #indented>>f.txt
echo z>>f.txt
for /f "eol=#" %%i in (f.txt) do msg * first %%i
`,
    wantCalls: ["msg * first x", "msg * first z"],
  },
  {
    name: "for /f with eol= skips the body when the first requested token is missing",
    script: bat`
@echo off
echo #comment>f.txt
echo x y>>f.txt
echo z>>f.txt
for /f "eol=# tokens=2" %%i in (f.txt) do msg * [%%i]
`,
    wantCalls: ["msg * [y]"],
    wineDiffers: {
      evidence:
        "cmd-semantics.md 1.5 (body runs only if the lowest requested token exists; .exp: no '3:' line for tokens=2* on 3.14) and 1.10(3): Wine's explicit-eol test runs the body on an empty token",
      wine: { calls: ["msg * []", "msg * [y]", "msg * []"] },
    },
  },
  {
    name: "for /f default eol is ;",
    script: bat`
@echo off
for /f %%i in (";skipped") do msg * %%i
for /f "tokens=2" %%i in ("a ;b") do msg * %%i
`,
    wantCalls: ["msg * ;b"],
    wineDiffers: {
      evidence:
        "cmd-semantics.md 1.2 and 1.10(1): Windows' default eol is ';' (ReactOS ForF, SO Q45678158); Wine's for_control_parse defaults eol to NUL",
      wine: { calls: ["msg * ;skipped", "msg * ;b"] },
    },
  },
  {
    name: "for /f delims",
    script: bat`
@echo off
for /f "delims=," %%a in ("x y,z") do msg * %%a
for /f "tokens=2 delims=,;" %%a in ("x,;y;z") do msg * %%a
for /f "delims=" %%a in ("  keep  all  ") do echo [%%a]
`,
    wantCalls: ["msg * x y", "msg * y"],
    wantStdout: lines("[  keep  all  ]"),
  },
  {
    name: "for /f usebackq over a quoted file name and a 'string'",
    script: bat`
@echo off
echo one two>"my file.txt"
for /f "usebackq tokens=2" %%a in ("my file.txt") do msg * %%a
for /f "usebackq tokens=1" %%a in ('lit eral') do msg * %%a
for /f "tokens=1" %%a in ("my file.txt") do msg * %%a
del "my file.txt"
`,
    wantCalls: ["msg * two", "msg * lit", "msg * my"],
  },
  {
    name: "for /f over ('query session') runs the command",
    script: bat`
@echo off
for /f "skip=1 tokens=2,3" %%a in ('query session') do msg * %%a %%b
`,
    wantCalls: [
      "query session",
      "msg * 0 Disc",
      "msg * alice 1",
      "msg * bob 2",
      "msg * 3 Disc",
      "msg * 65536 Listen",
    ],
  },
  {
    name: "for /f over a piped command with ^|",
    script: bat`
@echo off
for /f "tokens=2" %%i in ('query session ^| find "Disc"') do msg * %%i
`,
    wantCalls: ["query session", "msg * 0", "msg * 3"],
  },
  {
    name: "type and del",
    script: bat`
@echo off
echo content>t.txt
type t.txt
del t.txt
if not exist t.txt msg * gone
`,
    wantCalls: ["msg * gone"],
    wantStdout: lines("content"),
  },
  {
    name: "chcp and timeout do not disturb the run",
    script: bat`
@echo off
chcp 437 >nul
timeout /t 0 /nobreak >nul
msg * after
`,
    // The simulator records the wait as a call (Wine runs its own timeout.exe, unlogged).
    wantCalls: ["timeout /t 0 /nobreak", "msg * after"],
  },
  {
    name: "cd pushd popd",
    script: bat`
@echo off
mkdir sub
pushd sub
echo x>f.txt
popd
if exist sub\f.txt msg * pushed
cd sub
if exist f.txt msg * cd
cd ..
if exist sub\f.txt msg * back
`,
    wantCalls: ["msg * pushed", "msg * cd", "msg * back"],
  },
  {
    name: "unknown command sets errorlevel 9009",
    script: bat`
@echo off
nosuchprogram 2>nul
msg * %errorlevel%
nosuchprogram 2>nul || msg * failed
`,
    wantCalls: ["msg * 9009", "msg * failed"],
  },
  {
    name: "findstr /i /c: in a pipe",
    script: bat`
@echo off
query session | findstr /i /c:"ACTIVE"
`,
    wantCalls: ["query session"],
    wantStdout: lines(
      ">console           alice                     1  Active",
      " rdp-tcp#5         bob                       2  Active",
    ),
    wineDiffers: { evidence: findstrInPipe, wine: { calls: ["query session"], stdout: "" } },
  },
  {
    name: "findstr /v /r /b /e /x in a pipe",
    script: bat`
@echo off
query session | findstr /v /r "Disc Active"
query session | findstr /b ">"
query session | findstr /e "Listen"
query session | findstr /x /c:" services                                    0  Disc"
`,
    wantCalls: ["query session", "query session", "query session", "query session"],
    wantStdout: lines(
      " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE",
      " rdp-tcp                                 65536  Listen",
      ">console           alice                     1  Active",
      " rdp-tcp                                 65536  Listen",
      " services                                    0  Disc",
    ),
    wineDiffers: {
      evidence: findstrInPipe,
      wine: {
        calls: ["query session", "query session", "query session", "query session"],
        stdout: "",
      },
    },
  },
];
