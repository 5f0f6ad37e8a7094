/**
 * A 32-bit process on 64-bit Windows (a 32-bit agent runs the script) sees SysWOW64 as System32,
 * where query.exe, logoff.exe and msg.exe do not exist; PROCESSOR_ARCHITEW6432 is set there, and
 * both safe scripts then run the tools from %SystemRoot%\Sysnative. Elsewhere they run them by
 * name, as before.
 */
import { describe, expect, it } from "vitest";
import { renderBatch } from "../../src/emit/batch.js";
import { renderPowerShell } from "../../src/emit/powershell.js";
import { planOptions } from "../../src/plan/plan.js";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { simulatePowerShell } from "../../src/simulate/powershell/index.js";
import type { World } from "../../src/simulate/types.js";
import { createSessionWorld, type SessionWorldConfig } from "../../src/simulate/world.js";
import { renderQuerySession } from "../support/listings.js";
import { optionsFromYaml } from "../support/options.js";

const [plan] = planOptions(
  optionsFromYaml("targets:\n  - name: warn-all\n    warn: {message: Bye, waitSeconds: 0}\n"),
);
if (!plan) throw new Error("no plan");

const config: SessionWorldConfig = {
  servers: {
    "": {
      querySession: {
        stdout: renderQuerySession(
          [
            { name: "console", user: "admin", id: 1, state: "active", current: true },
            { name: "rdp-tcp#2", user: "alice", id: 2, state: "active", current: false },
          ],
          { layout: "narrow", locale: "en" },
        ),
        stderr: "",
        exitCode: 0,
      },
      sessionIds: [1, 2],
    },
  },
};

/** A world that also records each program as the script named it (path included). */
function recordingWorld(programs: string[]): World {
  const world = createSessionWorld(config);
  return {
    get calls() {
      return world.calls;
    },
    exec(program, tail, stdin) {
      programs.push(program);
      return world.exec(program, tail, stdin);
    },
  };
}

const sysnative = "C:\\Windows\\Sysnative\\";
const wow64 = { PROCESSOR_ARCHITEW6432: "AMD64" };

describe("the tools of a 32-bit process on 64-bit Windows", () => {
  it.each([
    ["by name", {}, ""],
    ["from Sysnative", wow64, sysnative],
  ] as const)("batch: %s", (_, env, dir) => {
    const programs: string[] = [];
    const result = simulateBatch(
      renderBatch(plan).bytes.toString("latin1"),
      recordingWorld(programs),
      { env },
    );
    expect(result.calls).toEqual([
      "query session",
      "msg 2 /time:0 Bye",
      "timeout /t 0 /nobreak",
      "query session",
      "logoff 2",
    ]);
    const tools = programs.filter((p) => /(query|msg|logoff)$/i.test(p));
    expect(tools).toEqual([`${dir}query`, `${dir}msg`, `${dir}query`, `${dir}logoff`]);
  });

  it.each([
    ["by name", {}, ""],
    ["from Sysnative", wow64, sysnative],
  ] as const)("PowerShell: %s", async (_, environment, dir) => {
    const programs: string[] = [];
    const world = recordingWorld(programs);
    const result = await simulatePowerShell(
      renderPowerShell(plan).bytes.toString("latin1"),
      { ...config, computerName: "RDSH01", currentSessionId: 1, environment },
      { world },
    );
    expect(result.calls.filter((c) => !c.startsWith("start-sleep"))).toEqual([
      "query session",
      "msg 2 /time:0 Bye",
      "query session",
      "logoff 2",
    ]);
    expect(programs).toEqual([
      `${dir}query.exe`,
      `${dir}msg.exe`,
      `${dir}query.exe`,
      `${dir}logoff.exe`,
    ]);
  });
});
