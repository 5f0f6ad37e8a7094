/**
 * Holding a script's simulated run to the real shells, for tests that build their own worlds
 * (test/safe/): the same calls under Wine's cmd.exe and under pwsh as in the simulator, and
 * the sessions the case must log off.
 */
import { expect } from "vitest";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { simulatePowerShell } from "../../src/simulate/powershell/index.js";
import { createSessionWorld, type SessionWorldConfig } from "../../src/simulate/world.js";
import { runUnderPwsh } from "../oracle/pwsh.js";
import { loggedUnderWine, runUnderWineAgreeing } from "../oracle/wine.js";

/** The session ids of the calls to one program, in call order. */
export function idsOf(calls: readonly string[], program: string): number[] {
  return calls.flatMap((call) => {
    const match = new RegExp(`^${program}(?:\\.exe)? (\\d+)`, "i").exec(call);
    return match ? [Number(match[1])] : [];
  });
}

/** The host a .ps1 case runs on: RDSH01, in the session the listings mark current (1). */
export function powerShellWorld(world: SessionWorldConfig, codePage?: 437 | 850 | 866 | 65001) {
  return {
    ...world,
    computerName: "RDSH01",
    currentSessionId: 1,
    ...(codePage !== undefined ? { consoleCodePage: codePage } : {}),
  };
}

/** Runs a .bat under Wine: it must make the simulator's calls and log off `loggedOff`. */
export async function expectWineAsSimulated(
  script: string,
  world: SessionWorldConfig,
  loggedOff: number[],
): Promise<string[]> {
  const simulated = loggedUnderWine(simulateBatch(script, createSessionWorld(world)).calls);
  const { run, unstable } = await runUnderWineAgreeing(
    script,
    world,
    {},
    (candidate) => JSON.stringify(candidate.calls) === JSON.stringify(simulated),
  );
  expect(run.calls, unstable ? "two Wine runs disagreed with each other" : "").toEqual(simulated);
  expect(idsOf(run.calls, "logoff")).toEqual(loggedOff);
  return run.calls;
}

/** One .ps1 case: the script, its world, and the sessions it must log off. */
export interface PowerShellCase {
  name: string;
  script: string;
  world: SessionWorldConfig;
  loggedOff: number[];
  codePage?: 437 | 850 | 866 | 65001;
}

/** Runs every case under pwsh (one process): each must make the simulator's calls, exit with its code, and log off its sessions. */
export async function expectPwshAsSimulated(cases: readonly PowerShellCase[]): Promise<void> {
  const runs = await runUnderPwsh(
    cases.map((c) => ({
      script: c.script,
      world: c.world,
      computerName: "RDSH01",
      currentSessionId: 1,
      ...(c.codePage !== undefined ? { codePage: c.codePage } : {}),
    })),
  );
  for (const [i, c] of cases.entries()) {
    const simulated = await simulatePowerShell(c.script, powerShellWorld(c.world, c.codePage));
    expect(runs[i]?.calls, c.name).toEqual(simulated.calls);
    expect(runs[i]?.exitCode, c.name).toBe(simulated.exitCode);
    expect(idsOf(runs[i]?.calls ?? [], "logoff"), c.name).toEqual(c.loggedOff);
  }
}
