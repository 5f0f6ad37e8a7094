/**
 * Differential test: every row of the pwsh construct table (pwshCases.ts) runs in the
 * simulator and under real PowerShell (all rows in one runUnderPwsh call, so in one or two
 * pwsh processes). The simulator must produce the row's Windows PowerShell 5.1 behaviour; pwsh
 * must produce it too, or, for a row marked with a `divergence`, exactly what the row says
 * pwsh 7 does instead (so a change shows up as a failure and the row can drop its mark).
 *
 * What is compared: the calls (native programs, stand-in cmdlets, Start-Sleep), the exit code,
 * the files written, what the script printed to the console (success output, Write-Host,
 * What if: lines) and the warnings it showed. The simulator keeps warnings apart from the
 * output (stderr); pwsh shows them in line (colored), so they are taken out of its output by
 * their `WARNING: ` prefix. Native programs' stderr lines are left out on both sides: the
 * simulator prints them to its stderr, pwsh lets them through to its own stderr. Anything else
 * on the simulator's stderr (an error) fails a row whose stdout is compared.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  simulatePowerShell,
  type PowerShellWorldConfig,
} from "../../src/simulate/powershell/index.js";
import { rpcUnavailableText } from "../../src/simulate/world.js";
import { defaultWorld, pwshCases, type PwshConstructCase, type PwshWant } from "./pwshCases.js";
import { pwshGate, runUnderPwsh, type PwshCase, type PwshRun } from "./pwsh.js";

interface Observed {
  stdout?: string;
  warnings?: string[];
  calls: string[];
  exitCode: number;
  files?: Record<string, string>;
}

function worldOf(row: PwshConstructCase): PowerShellWorldConfig {
  return row.world ?? defaultWorld;
}

/** The row's claims in the shape of an observation: calls default to none, exit code to 0. */
function expected(want: PwshWant): Observed {
  return {
    ...(want.stdout === null ? {} : { stdout: want.stdout, warnings: want.warnings ?? [] }),
    calls: want.calls ?? [],
    exitCode: want.exitCode ?? 0,
    ...(want.files === undefined ? {} : { files: want.files }),
  };
}

/** The part of a run a row makes claims about. */
function observed(
  run: {
    stdout: string;
    warnings: string[];
    calls: string[];
    exitCode: number;
    files?: Record<string, string>;
  },
  want: Observed,
): Observed {
  return {
    ...(want.stdout === undefined ? {} : { stdout: run.stdout, warnings: run.warnings }),
    calls: run.calls,
    exitCode: run.exitCode,
    ...(want.files === undefined ? {} : { files: run.files ?? {} }),
  };
}

/** Whether a console line is one a native stand-in writes to stderr in this row's world. */
function nativeStderrLine(row: PwshConstructCase): (line: string) => boolean {
  const known = new Set<string>();
  const add = (text: string): void => {
    for (const line of text.split(/\r\n|\n|\r/)) if (line !== "") known.add(line);
  };
  add(rpcUnavailableText);
  add("Invalid parameter(s)");
  for (const server of Object.values(worldOf(row).servers)) {
    for (const recorded of [server.querySession, server.queryUser]) {
      if (recorded === undefined) continue;
      for (const result of Array.isArray(recorded) ? recorded : [recorded]) add(result.stderr);
    }
  }
  const logoffNotFound = /^Could not logoff session ID .*, Error code 7022$|^Error \[7022\]:/;
  return (line) => known.has(line) || logoffNotFound.test(line);
}

/** The simulator's run: its stderr holds the warnings, native stderr and errors. */
function simulatorView(
  result: { stdout: string; stderr: string },
  row: PwshConstructCase,
): { stdout: string; warnings: string[]; errors: string[] } {
  const isNative = nativeStderrLine(row);
  const stderr = result.stderr.split("\r\n").filter((line) => line !== "" && !isNative(line));
  const warning = /^WARNING: /;
  return {
    stdout: result.stdout,
    warnings: stderr.filter((line) => warning.test(line)).map((line) => line.replace(warning, "")),
    errors: stderr.filter((line) => !warning.test(line)),
  };
}

/** An ANSI color escape ($PSStyle), as pwsh writes warnings. */
const colorEscape = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*m`, "g");

/** pwsh's run: warnings are in line with the output, with color escapes. */
function pwshView(stdout: string): { stdout: string; warnings: string[] } {
  const printed = stdout
    .split("\r\n")
    .slice(0, -1)
    .map((line) => line.replace(colorEscape, ""));
  const warning = /^WARNING: /;
  return {
    stdout: printed
      .filter((line) => !warning.test(line))
      .map((line) => `${line}\r\n`)
      .join(""),
    warnings: printed.filter((line) => warning.test(line)).map((line) => line.replace(warning, "")),
  };
}

function pwshCase(row: PwshConstructCase): PwshCase {
  const world = worldOf(row);
  return {
    script: row.script,
    world: { servers: world.servers },
    ...(world.rdUserSessions === undefined ? {} : { rdUserSessions: world.rdUserSessions }),
    ...(world.rdDeployment === undefined ? {} : { rdDeployment: world.rdDeployment }),
    ...(world.computerName === undefined ? {} : { computerName: world.computerName }),
    ...(world.currentSessionId === undefined ? {} : { currentSessionId: world.currentSessionId }),
    ...(world.consoleCodePage === undefined ? {} : { codePage: world.consoleCodePage }),
    args: row.args ?? [],
    directories: row.directories ?? [],
  };
}

const rows = pwshCases.map((row, index) => [row.name, row, index] as const);

describe("pwsh construct table", () => {
  it("has at least 60 rows with unique names", () => {
    const names = pwshCases.map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(60);
  });

  it("scripts are ASCII with CRLF line ends", () => {
    for (const row of pwshCases) {
      expect(row.script, row.name).toMatch(/^[\x20-\x7e\r\n]*$/);
      expect(row.script.replace(/\r\n/g, ""), row.name).not.toMatch(/[\r\n]/);
    }
  });

  it.each(rows)("simulator: %s", async (_name, row) => {
    const result = await simulatePowerShell(row.script, worldOf(row), { args: row.args ?? [] });
    const want = expected(row.want);
    const view = simulatorView(result, row);
    const context = `script:\n${row.script}\nstderr:\n${result.stderr}`;
    expect(observed({ ...result, ...view }, want), context).toEqual(want);
    if (want.stdout !== undefined) {
      expect(view.errors, `the row prints errors\n${context}`).toEqual([]);
    }
  });
});

describe.skipIf(!pwshGate())("real pwsh", () => {
  let runs: PwshRun[] = [];
  beforeAll(async () => {
    runs = await runUnderPwsh(pwshCases.map(pwshCase));
  });

  it.each(rows)("pwsh: %s", (_name, row, index) => {
    const run = runs[index];
    if (!run) throw new Error(`no pwsh run for row ${index}`);
    const want = expected({ ...row.want, ...row.divergence?.pwsh });
    const got = observed({ ...run, ...pwshView(run.stdout) }, want);
    const note = row.divergence
      ? `pwsh 7 is marked as differing from 5.1 (${row.divergence.evidence})`
      : "pwsh should match Windows PowerShell 5.1";
    expect(
      got,
      `${note}\nscript:\n${row.script}\nprinted:\n${run.stdout}${run.threw ? `\nthrew: ${run.threw}` : ""}`,
    ).toEqual(want);
  });
});
