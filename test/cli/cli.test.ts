import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/paths.js";
import { generatorVersion } from "../../src/version.js";
import { runCli } from "../support/cli.js";

const config = `targets:
  - name: kb-all
    style: kb
    description: every session
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "rdlogoff-cli-"));
  await writeFile(path.join(dir, "rdlogoff.config.yml"), config);
});

describe("rdlogoff build / check / explain as a child process", () => {
  it("build writes dist-scripts/, check passes, a hand edit makes check fail with a diff", async () => {
    const build = runCli(["build"], dir);
    expect([build.code, build.stdout]).toEqual([
      0,
      "wrote dist-scripts/kb-all.bat\nwrote dist-scripts/kb-all.ps1\n2 script(s) in dist-scripts: 2 written, 0 unchanged, 0 removed\n",
    ]);
    // The KB's own flaws, reproduced on purpose, are counted in one line...
    expect(build.stderr).toBe(
      "kb-all: 6 findings by design (style kb reproduces the KB's bugs); --verbose lists them\n",
    );
    // ...and --verbose lists them as lint warnings.
    const verbose = runCli(["build", "--verbose"], dir);
    expect(verbose.stderr.split("\n").filter((l) => !l.startsWith("    "))).toEqual([
      "kb-all.bat:5:15: warning: target kb-all: RDL102: writes session.txt in the current folder (C:\\Windows or a read-only share when run from a GPO)",
      'kb-all.bat:6:16: warning: target kb-all: RDL103: tokens= ends with ","; write tokens=3',
      "kb-all.bat:6:48: warning: target kb-all: RDL105: logoff %%i: a blank session name shifts the columns, so the token can be a state word such as Disc",
      'kb-all.bat: warning: target kb-all: simulate: breaks the safety invariants in 85 of 94 simulated runs on the recorded fixtures, as the KB script does (for example "logoff Getr.": logoff must receive a decimal session id (and only /server:))',
      "kb-all.ps1:9:5: warning: target kb-all: RDL204: logs sessions off without [CmdletBinding(SupportsShouldProcess)], so -WhatIf and -Confirm do nothing",
      'kb-all.ps1: warning: target kb-all: simulate: breaks the safety invariants in 1 of 100 simulated runs on the recorded fixtures, as the KB script does (for example "invoke-rduserlogoff -HostServer rdsh01.corp.example.com -UnifiedSessionID 3 -Force": logged off the current session)',
      "",
    ]);
    expect(runCli(["check"], dir)).toEqual({
      code: 0,
      stdout: "dist-scripts is up to date (2 script(s))\n",
      stderr: "",
    });

    const bat = path.join(dir, "dist-scripts/kb-all.bat");
    await writeFile(bat, (await readFile(bat, "latin1")).replace("skip=1", "skip=2"), "latin1");
    const check = runCli(["check"], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("dist-scripts/kb-all.bat: hand-edited\n");
    expect(check.stdout).toContain('-for /f "skip=2 tokens=3," %%i in (session.txt) DO logoff %%i');
    expect(check.stderr).toBe(
      "1 file(s) in dist-scripts differ from the options; run rdlogoff build\n",
    );

    const json = runCli(["check", "--json"], dir);
    expect(json.code).toBe(1);
    const data = JSON.parse(json.stdout) as {
      upToDate: boolean;
      files: { fileName: string; status: string }[];
    };
    expect(data.upToDate).toBe(false);
    expect(data.files.map((f) => [f.fileName, f.status])).toEqual([["kb-all.bat", "hand-edited"]]);

    expect(runCli(["build", "--quiet"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(runCli(["check", "--quiet"], dir).code).toBe(0);
  });

  it("explain prints the plan in words and in JSON", () => {
    const text = runCli(["explain"], dir);
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n").slice(0, 2)).toEqual([
      "kb-all: every session",
      "  writes kb-all.bat, kb-all.ps1 (style kb)",
    ]);
    const json = runCli(["explain", "--json"], dir);
    const plans = JSON.parse(json.stdout) as { target: string; kb: unknown }[];
    expect(plans.map((p) => [p.target, p.kb])).toEqual([
      ["kb-all", { batchSkip: 1, powershell: "all-sessions" }],
    ]);
  });

  it("a broken options file exits 2 with file, line, column and field, and writes nothing", async () => {
    await writeFile(
      path.join(dir, "broken.yml"),
      "targets:\n  - name: a\n    style: safe\n    states: [disconected]\n",
    );
    const run = runCli(["build", "--config", "broken.yml"], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      'broken.yml:4:14 targets[0].states[0]: unknown state "disconected" (did you mean "disconnected"?); the states are active, connected, connectQuery, shadow, disconnected, idle, listen, reset, down, init\n',
    );
    expect(runCli(["check"], dir).code).toBe(1);
  });

  it("a missing options file and an unknown command exit 2", () => {
    const missing = runCli(["build", "--config", "nope.yml"], dir);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      "nope.yml: cannot read the options file: no such file\n",
    ]);
    const unknown = runCli(["bulid"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Did you mean build?");
  });

  it("lint prints findings with codes and doc pages, and exits 1", async () => {
    await writeFile(path.join(dir, "kb.bat"), "query session >session.txt\r\n", "latin1");
    await writeFile(path.join(dir, "ok.bat"), "@echo off\r\n", "latin1");
    // The doc page's path leads from the user's folder into the installed package.
    const doc = path.relative(dir, path.join(packageRoot, "docs/checks/RDL102.md"));
    expect(runCli(["lint", "kb.bat"], dir)).toEqual({
      code: 1,
      stdout: `kb.bat:1:15: warning: writes session.txt in the current folder (C:\\Windows or a read-only share when run from a GPO) [RDL102]\n\nFor more information:\n  ${doc} -- A file is written relative to the current folder\n1 finding(s): 0 error(s), 1 warning(s) in 1 file(s)\n`,
      stderr: "",
    });
    expect(runCli(["lint", "kb.bat", "--quiet"], dir)).toEqual({
      code: 0,
      stdout: "0 finding(s): 0 error(s), 0 warning(s) in 0 file(s)\n",
      stderr: "",
    });
    expect(runCli(["lint", "ok.bat"], dir)).toEqual({
      code: 0,
      stdout: "0 finding(s): 0 error(s), 0 warning(s) in 0 file(s)\n",
      stderr: "",
    });
    expect(runCli(["lint", "notes.txt"], dir).code).toBe(2);
  });

  it("--version and --help with examples", () => {
    expect(runCli(["--version"], dir)).toEqual({
      code: 0,
      stdout: `${generatorVersion}\n`,
      stderr: "",
    });
    for (const command of ["build", "check", "explain", "lint"]) {
      const help = runCli([command, "--help"], dir);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("Examples:");
    }
  });
});
