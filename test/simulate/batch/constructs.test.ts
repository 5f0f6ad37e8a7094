import { describe, expect, test } from "vitest";
import { simulateBatch, type BatchRunOptions } from "../../../src/simulate/batch/index.js";
import { StepLimitError, type ProcessResult } from "../../../src/simulate/types.js";
import { createSessionWorld } from "../../../src/simulate/world.js";

/** The modern listing of peers-and-pain-points.md P1: blank SESSIONNAME on a disconnected row. */
const modernListing = [
  " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE ",
  " services                                    0  Disc                        ",
  " console                                     1  Conn                        ",
  "                   alice                     2  Disc                        ",
  ">rdp-tcp#2         bob                       3  Active                      ",
  " rdp-tcp                                 65536  Listen                      ",
  "",
].join("\r\n");

const listed = (stdout: string): ProcessResult => ({ stdout, stderr: "", exitCode: 0 });

function run(lines: string[], options: BatchRunOptions = {}) {
  const world = createSessionWorld({
    servers: {
      "": { querySession: listed(modernListing), sessionIds: [0, 1, 2, 3, 65536] },
      rdsh02: { querySession: listed(modernListing), sessionIds: [2, 3] },
    },
  });
  return simulateBatch([...lines, ""].join("\r\n"), world, options);
}

interface Row {
  name: string;
  script: string[];
  /** Expected stdout, as lines (CRLF-joined with a final CRLF); omitted: not checked. */
  stdout?: string[];
  stderr?: string;
  calls?: string[];
  exitCode?: number;
  options?: BatchRunOptions;
}

const rows: Row[] = [
  {
    name: "echo on shows each command with the prompt; redirections move to the end",
    script: ["echo hi>out.txt", "@echo shown", "rem note"],
    stdout: ["", "C:\\rdlogoff>echo hi 1>out.txt", "shown", "", "C:\\rdlogoff>rem note"],
  },
  {
    name: "echo off, echo. and ECHO is off.",
    script: ["@echo off", "echo.", "echo", "echo(x", "echo on", "@echo", "@echo off"],
    stdout: ["", "ECHO is off.", "x", "ECHO is on."],
  },
  {
    name: "goto skips, goto :eof ends, labels are case-insensitive",
    script: ["@echo off", "goto SKIP", "echo no", ":skip", "echo yes", "goto :eof", "echo never"],
    stdout: ["yes"],
  },
  {
    name: "call :label with %1, %~1, %*, shift and exit /b",
    script: [
      "@echo off",
      'call :sub "a b" c,d',
      "echo back %errorlevel%",
      "goto :eof",
      ":sub",
      "echo [%1] [%~1] [%2] [%3] [%*]",
      "shift",
      "echo [%0] [%1]",
      "exit /b 4",
    ],
    stdout: ['["a b"] [a b] [c] [d] ["a b" c,d]', '["a b"] [c]', "back 4"],
  },
  {
    name: "call of a missing label",
    script: ["@echo off", "call :nowhere", "echo %errorlevel%"],
    stdout: ["1"],
    stderr: "The system cannot find the batch label specified - nowhere\r\n",
  },
  {
    name: "set /a arithmetic, precedence, assignment operators, hex and octal",
    script: [
      "@echo off",
      "set /a x=2+3*4",
      'set /a "y=(x-4)/3, z=0x10 + 010"',
      'set /a "x+=1, w=-7%%3, s=1<<4"',
      "echo %x% %y% %z% %w% %s%",
      "set /a 1/0",
      "echo %errorlevel%",
    ],
    stdout: ["15 3 24 -1 16", "1073750993"],
    stderr: "Divide by zero error.\r\n",
  },
  {
    name: "substrings and replacement, percent and delayed",
    script: [
      "@echo off",
      "setlocal EnableDelayedExpansion",
      "set v=Hello World",
      "echo %v:~0,5%_%v:~-5%_%v:~6%_%v:~1,-1%_%v:o=0%_%v:*o=X%_%v:WORLD=you%",
      "echo !v:~0,5!_!v:l=L!",
    ],
    stdout: ["Hello_World_World_ello Worl_Hell0 W0rld_X World_Hello you", "Hello_HeLLo WorLd"],
  },
  {
    name: "%~dp0, %~nx0 and %~f of a relative name",
    script: [
      "@echo off",
      "echo %~dp0 %~nx0 %~n0 %~x0",
      "for %%f in (sub\\x.txt) do echo %%~ff %%~pf",
    ],
    stdout: ["C:\\rdlogoff\\ kb.bat kb .bat", "C:\\rdlogoff\\sub\\x.txt \\rdlogoff\\sub\\"],
    options: { scriptPath: "C:\\rdlogoff\\kb.bat" },
  },
  {
    name: "deterministic environment",
    script: ["@echo off", "echo %DATE%,%TIME%,%COMPUTERNAME%,%SystemRoot%,%CD%,%TEMP%"],
    stdout: [
      "Mon 01/15/2024,12:00:00.00,RDSH01,C:\\Windows,C:\\rdlogoff,C:\\Users\\ADMINI~1\\AppData\\Local\\Temp",
    ],
  },
  {
    name: "if defined, exist, errorlevel, not, /i and numeric operators",
    script: [
      "@echo off",
      "set A=1",
      "if defined A echo defined",
      "if not defined B echo undefined",
      "echo x>f.txt",
      "if exist f.txt echo exists",
      "if exist F.TXT echo case-insensitive",
      "if not exist g.txt echo missing",
      "if 10 gtr 9 echo numeric",
      'if "10" gtr "9" (echo string) else echo string compare',
      "if /i ABC equ abc echo ci-equ",
      "if 2 leq 2 if 3 neq 4 if 1 lss 2 if 5 geq 5 echo chain",
    ],
    stdout: [
      "defined",
      "undefined",
      "exists",
      "case-insensitive",
      "missing",
      "numeric",
      "string compare",
      "ci-equ",
      "chain",
    ],
  },
  {
    name: "&, && and || follow the return code",
    script: [
      "@echo off",
      "nosuch 2>nul && echo yes || echo no",
      "echo a & echo b",
      "(call ) && echo ok",
    ],
    stdout: ["no", "a ", "b", "ok"],
  },
  {
    name: "unknown command prints cmd's message and sets 9009",
    script: ["@echo off", "frobnicate --now", "echo %errorlevel%"],
    stdout: ["9009"],
    stderr:
      "'frobnicate' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n",
    exitCode: 9009,
  },
  {
    name: "redirection: >, >>, <, 2>&1 and nul",
    script: [
      "@echo off",
      "echo one>f.txt",
      "echo two>>f.txt",
      "type f.txt",
      "nosuch >g.txt 2>&1",
      "type g.txt",
      "echo gone >nul",
      'find /c /v "" <f.txt',
    ],
    stdout: [
      "one",
      "two",
      "'nosuch' is not recognized as an internal or external command,",
      "operable program or batch file.",
      "2",
    ],
  },
  {
    name: "pipes into find and findstr",
    script: [
      "@echo off",
      'query session | find /i "disc"',
      'query session | findstr /r /c:"^ [a-z]* *[0-9]"',
      'query session | findstr /v /i /c:"disc" /c:"listen" /c:"state"',
      'query session | findstr /b /c:">"',
      'query session | find "nobody" >nul || echo none %errorlevel%',
    ],
    stdout: [
      " services                                    0  Disc                        ",
      "                   alice                     2  Disc                        ",
      " services                                    0  Disc                        ",
      " console                                     1  Conn                        ",
      " console                                     1  Conn                        ",
      ">rdp-tcp#2         bob                       3  Active                      ",
      ">rdp-tcp#2         bob                       3  Active                      ",
      "none 0",
    ],
    calls: ["query session", "query session", "query session", "query session", "query session"],
  },
  {
    name: "for over a set, for /l, and for /f over ('command')",
    script: [
      "@echo off",
      'for %%x in (a,b;c "d e") do echo [%%x]',
      "for /l %%n in (5,-2,1) do echo %%n",
      "for /f \"skip=1 tokens=1-3\" %%a in ('query session /server:RDSH02') do echo %%c",
    ],
    stdout: ["[a]", "[b]", "[c]", '["d e"]', "5", "3", "1", "Disc", "Conn", "Disc", "3", "Listen"],
    calls: ["query session /server:RDSH02"],
  },
  {
    name: "for /f 'command' with an escaped pipe runs in a child cmd",
    script: [
      "@echo off",
      'for /f "tokens=3" %%i in (\'query session ^| find "Disc"\') do echo id %%i',
    ],
    stdout: ["id Disc", "id Disc"],
  },
  {
    name: "setlocal scope ends at endlocal and at the end of the script",
    script: [
      "@echo off",
      "set K=outer",
      "setlocal",
      "set K=inner",
      "endlocal",
      "echo %K%",
      "setlocal",
      "set LEAK=1",
    ],
    stdout: ["outer"],
  },
  {
    name: "builtins: cd, pushd/popd, md, chcp, del of a missing file, type errors",
    script: [
      "@echo off",
      "md sub",
      "cd sub",
      "cd",
      "pushd C:\\Windows",
      "echo %CD%",
      "popd",
      "cd ..",
      "cd nowhere",
      "echo cd %errorlevel%",
      "chcp",
      "chcp 65001 >nul",
      "chcp",
      "del missing.txt",
      "echo del %errorlevel%",
      "type missing.txt",
      "echo type %errorlevel%",
      "timeout /t 5 /nobreak",
    ],
    stdout: [
      "C:\\rdlogoff\\sub",
      "C:\\Windows",
      "cd 1",
      "Active code page: 437",
      "Active code page: 65001",
      "del 0",
      "type 1",
      "",
      "Waiting for 0 seconds, press CTRL+C to quit ...",
    ],
    stderr:
      "The system cannot find the path specified.\r\nCould Not Find C:\\rdlogoff\\missing.txt\r\nThe system cannot find the file specified.\r\n",
  },
  {
    name: "exit N ends the script with that code",
    script: ["@echo off", "call :sub", "echo unreachable", ":sub", "exit 7"],
    stdout: [],
    exitCode: 7,
  },
  {
    name: "a FOR value with & | > is data, not syntax (phase 4 after phase 2)",
    script: ["@echo off", 'for /f "delims=" %%l in ("a & b | c > d") do echo [%%l]'],
    stdout: ["[a & b | c > d]"],
  },
  {
    name: "%RANDOM% is seeded",
    script: ["@echo off", "echo %RANDOM% %RANDOM%"],
    stdout: ["16838 5758"],
  },
];

describe("batch constructs", () => {
  test.each(rows)("$name", (row) => {
    const result = run(row.script, row.options);
    const got: Partial<Row> = {};
    const want: Partial<Row> = {};
    if (row.stdout !== undefined) {
      want.stdout = row.stdout;
      got.stdout = result.stdout === "" ? [] : result.stdout.replace(/\r\n$/, "").split("\r\n");
    }
    for (const key of ["stderr", "calls", "exitCode"] as const) {
      if (row[key] !== undefined) {
        (want as Record<string, unknown>)[key] = row[key];
        (got as Record<string, unknown>)[key] = result[key];
      }
    }
    expect({ script: row.script, ...got }).toEqual({ script: row.script, ...want });
  });
});

describe("KB Q259436 script", () => {
  const kb = [
    "query session >session.txt",
    'for /f "skip=1 tokens=3," %%i in (session.txt) DO logoff %%i',
    "del session.txt",
  ];
  test("token 3 on a modern listing logs off state words (P1)", () => {
    const result = run(kb);
    expect(result.calls).toEqual([
      "query session",
      "logoff Disc",
      "logoff Conn",
      "logoff Disc",
      "logoff 3",
      "logoff Listen",
    ]);
    expect(result.files).toEqual({});
    expect(result.stdout.split("\r\n").slice(0, 6)).toEqual([
      "",
      "C:\\rdlogoff>query session  1>session.txt",
      "",
      'C:\\rdlogoff>for /F "skip=1 tokens=3," %i in (session.txt) do logoff %i',
      "",
      "C:\\rdlogoff>logoff Disc",
    ]);
  });
});

describe("step bound", () => {
  const loops: { name: string; script: string[]; maxSteps: number; want: string }[] = [
    {
      name: "endless goto",
      script: ["@echo off", ":top", "goto top"],
      maxSteps: 1000,
      want: "Step limit of 1000 reached at line 3: goto top",
    },
    {
      name: "endless for /l",
      script: ["@echo off", "for /l %%i in (0,0,1) do rem"],
      maxSteps: 500,
      want: "Step limit of 500 reached at line 2: for /l %%i in (0,0,1) do rem",
    },
  ];
  test.each(loops)("$name raises StepLimitError", ({ script, maxSteps, want }) => {
    let caught: unknown;
    try {
      run(script, { maxSteps });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StepLimitError);
    expect({
      message: (caught as StepLimitError).message,
      steps: (caught as StepLimitError).steps,
    }).toEqual({
      message: want,
      steps: maxSteps,
    });
  });

  test("call nested in a loop past the engine's stack is a run past its bounds, not a crash", () => {
    // Each level is three for /f and a call: JavaScript's stack ends long before cmd's limit.
    const deep = () =>
      run([":r", 'for /f %%a in ("x") do for /f %%b in ("y") do for /f %%c in ("z") do call :r']);
    expect(deep).toThrow(StepLimitError);
    expect(deep).toThrow(
      "The run went past what the simulator can follow (maximum call stack size exceeded)",
    );
  });
});
