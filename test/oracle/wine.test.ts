/**
 * Differential test: every row of the oracle table runs under Wine's cmd.exe and under the
 * simulator. The simulator must produce the row's Windows behaviour; Wine must produce it too,
 * or, for a row marked `wineDiffers`, exactly what the row says Wine does (so a fixed Wine
 * shows up as a failure here and the row can drop its mark). One Wine process runs every row.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { createSessionWorld } from "../../src/simulate/world.js";
import { defaultWorld, oracleCases, type OracleCase } from "./cases.js";
import {
  loggedUnderWine,
  runManyUnderWineAgreeing,
  wineGate,
  type AgreedWineRun,
  type WineRun,
} from "./wine.js";

interface Observed {
  calls: string[];
  stdout?: string;
}

/** The part of a run a row makes claims about. */
function observed(run: { calls: string[]; stdout: string }, want: Observed): Observed {
  return want.stdout === undefined
    ? { calls: run.calls }
    : { calls: run.calls, stdout: run.stdout };
}

function windowsBehaviour(row: OracleCase): Observed {
  return row.wantStdout === undefined
    ? { calls: row.wantCalls }
    : { calls: row.wantCalls, stdout: row.wantStdout };
}

describe("oracle table", () => {
  it("has at least 40 rows with unique names", () => {
    const names = oracleCases.map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(40);
  });

  it.each(oracleCases)("simulator: $name", (row) => {
    const world = createSessionWorld(row.world ?? defaultWorld);
    const result = simulateBatch(row.script, world, { args: row.args ?? [] });
    const want = windowsBehaviour(row);
    expect(observed(result, want), `script:\n${row.script}`).toEqual(want);
  });
});

describe.skipIf(!wineGate())("Wine cmd.exe", () => {
  /** What Wine must do for a row: Windows' behaviour, or what the row says Wine does instead. */
  const wineWants: Observed[] = oracleCases.map((row) => {
    const windows = windowsBehaviour(row);
    return row.wineDiffers?.wine ?? { ...windows, calls: loggedUnderWine(windows.calls) };
  });
  let agreed: AgreedWineRun[] = [];
  beforeAll(async () => {
    agreed = await runManyUnderWineAgreeing(
      oracleCases.map((row, n) => ({
        script: row.script,
        world: row.world ?? defaultWorld,
        args: row.args ?? [],
        accept: (candidate: WineRun) => {
          const want = wineWants[n];
          return (
            want !== undefined && JSON.stringify(observed(candidate, want)) === JSON.stringify(want)
          );
        },
      })),
    );
  }, 900_000);

  it.each(oracleCases.map((row, index) => ({ ...row, index })))("wine: $name", (row) => {
    const want = wineWants[row.index];
    const checked = agreed[row.index];
    if (!want || !checked) throw new Error("no Wine run");
    const { run, unstable } = checked;
    const note = row.wineDiffers
      ? `Wine is marked as differing (${row.wineDiffers.evidence})`
      : "Wine should match Windows";
    expect(
      observed(run, want),
      `${note}${unstable ? "; two Wine runs disagreed with each other" : ""}\nscript:\n${row.script}\nstderr:\n${run.stderr}`,
    ).toEqual(want);
  });
});
