import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runMain } from "../../support/cli.js";

const listing = [
  " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE ",
  " services                                    0  Disc                        ",
  ">rdp-tcp#2         bob                       3  Active                      ",
  "",
].join("\r\n");

const dir = mkdtempSync(path.join(tmpdir(), "rdlogoff-simulate-"));
writeFileSync(
  path.join(dir, "kb.bat"),
  'query session >s.txt\r\nfor /f "skip=1 tokens=3," %%i in (s.txt) DO logoff %%i\r\n',
);
writeFileSync(path.join(dir, "loop.bat"), ":a\r\ngoto a\r\n");
writeFileSync(path.join(dir, "args.cmd"), "@echo off\r\nlogoff %1 /server:%2\r\n");
writeFileSync(path.join(dir, "kb.ps1"), "logoff.exe 3\r\n");
writeFileSync(path.join(dir, "kb.sh"), "logoff 3\n");
writeFileSync(path.join(dir, "listing.txt"), listing);

const run = (args: string[]) => runMain(dir, ["simulate", ...args]);

describe("rdlogoff simulate", () => {
  const rows: { args: string[]; code: number; stdout?: string; stderrIncludes: string | RegExp }[] =
    [
      {
        args: ["kb.bat", "--fixture", "listing.txt"],
        code: 0,
        stdout: "query session\nlogoff Disc\nlogoff 3\n",
        stderrIncludes: "C:\\rdlogoff>logoff Disc",
      },
      {
        args: [
          "args.cmd",
          "--fixture",
          "listing.txt",
          "--server",
          "RDSH02=listing.txt",
          "--arg",
          "3",
          "--arg",
          "RDSH02",
        ],
        code: 0,
        stdout: "logoff 3 /server:RDSH02\n",
        stderrIncludes: "",
      },
      {
        args: ["loop.bat", "--fixture", "listing.txt"],
        code: 3,
        stdout: "",
        stderrIncludes: "Step limit of 3000000 reached",
      },
      {
        args: ["missing.bat", "--fixture", "listing.txt"],
        code: 2,
        stdout: "",
        stderrIncludes: "cannot read script missing.bat",
      },
      {
        args: ["kb.bat", "--fixture", "nope.txt"],
        code: 2,
        stdout: "",
        stderrIncludes: "cannot read listing nope.txt",
      },
      {
        args: ["kb.ps1", "--fixture", "listing.txt"],
        code: 0,
        stdout: "logoff 3\n",
        stderrIncludes: "",
      },
      {
        args: ["kb.sh", "--fixture", "listing.txt"],
        code: 2,
        stdout: "",
        stderrIncludes: "only .bat, .cmd, .ps1 scripts can be simulated",
      },
    ];
  test.each(rows)("$args", async ({ args, code, stdout, stderrIncludes }) => {
    const got = await run(args);
    expect({
      args,
      code: got.code,
      stdout: got.stdout,
      stderrHas:
        typeof stderrIncludes === "string"
          ? got.stderr.includes(stderrIncludes)
          : stderrIncludes.test(got.stderr),
    }).toEqual({
      args,
      code,
      stdout,
      stderrHas: true,
    });
  });

  test("--json prints the run as data", async () => {
    const got = await run(["kb.bat", "--fixture", "listing.txt", "--json"]);
    const parsed = JSON.parse(got.stdout) as Record<string, unknown>;
    expect({
      code: got.code,
      calls: parsed.calls,
      exitCode: parsed.exitCode,
      keys: Object.keys(parsed),
    }).toEqual({
      code: 0,
      calls: ["query session", "logoff Disc", "logoff 3"],
      exitCode: 0,
      keys: ["calls", "stdout", "stderr", "exitCode", "steps"],
    });
  });
});
