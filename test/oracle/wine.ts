/**
 * The Wine oracle harness for tests: runs a batch script under Wine's cmd.exe with the stand-in
 * tools (wineRunner.js does the work, shared with the benchmark) and gates tests on Wine being
 * installed. Wine drops a process start now and then under load, so a run that disagrees with
 * what the test expects is repeated once; a difference is real only when both runs agree.
 * Tests hand all their cases over at once: one Wine process runs them in turn.
 */
import path from "node:path";
import { afterAll, it } from "vitest";
import { filesDigest, oracleCache, programVersion } from "./oracleCache.js";
import { standinSources } from "./standinWorld.js";
import {
  disposeWine,
  mingwCompiler,
  runManyUnderWine,
  runUnderWine,
  wineAvailable,
  wineBinary,
  type WineCase,
  type WineRun,
} from "./wineRunner.js";
import type { SessionWorldConfig } from "../../src/simulate/world.js";

export { runUnderWine, wineAvailable };

/**
 * The calls Wine's stand-ins can log: Wine runs its own reg.exe (it finds system32 first),
 * which the simulator records as a call, so a comparison with Wine leaves it out.
 */
export function loggedUnderWine(calls: readonly string[]): string[] {
  return calls.filter((call) => !/^reg( |$)/.test(call));
}
export type { WineCase, WineRun };

/** The outcome of a checked Wine run: the run to compare, and whether a retry was needed. */
export interface AgreedWineRun {
  run: WineRun;
  /** Both runs disagreed with the expectation and with each other: Wine was unstable. */
  unstable: boolean;
}

function sameRun(a: WineRun, b: WineRun): boolean {
  return JSON.stringify([a.calls, a.stdout]) === JSON.stringify([b.calls, b.stdout]);
}

/** A script to run under Wine, and the test's judgement of a run. */
export interface CheckedWineCase extends WineCase {
  accept: (run: WineRun) => boolean;
}

const here = path.dirname(standinSources);

/**
 * Wine's runs, by case and by what makes a run: Wine, the stand-ins' compiler, the harness.
 * A script that names a host path (Wine's drive Z:) writes where its test reads back, which
 * a cached run would not do: it always runs.
 */
const cache = oracleCache<CheckedWineCase, WineRun>(
  "wine",
  () =>
    JSON.stringify([
      programVersion(wineBinary, ["--version"]),
      programVersion(mingwCompiler, ["--version"]),
      filesDigest([
        path.join(here, "wineRunner.js"),
        path.join(here, "standinWorld.js"),
        standinSources,
      ]),
    ]),
  (c) => !/z:\\/i.test(c.script),
);

/**
 * Runs the cases under Wine in one driver (see `runManyUnderWine`), the cases the oracle cache
 * (oracleCache.ts) answers excepted; the cases whose run `accept` rejects run again, together,
 * in a second driver, past the cache. Returns per case the accepted run, or the second run with
 * `unstable` set when the two runs differ from each other too. Only accepted runs are cached: a
 * run Wine dropped a process start in must not stand for Wine's answer.
 */
export async function runManyUnderWineAgreeing(
  cases: readonly CheckedWineCase[],
): Promise<AgreedWineRun[]> {
  const first = await cache.runs(cases, runManyUnderWine, (run, c) => c.accept(run));
  const rejected = cases.flatMap((c, n) => (c.accept(runAt(first, n)) ? [] : [n]));
  const second = await runManyUnderWine(rejected.map((n) => caseAt(cases, n)));
  const agreed: AgreedWineRun[] = first.map((run) => ({ run, unstable: false }));
  rejected.forEach((n, k) => {
    const again = runAt(second, k);
    if (caseAt(cases, n).accept(again)) cache.put(caseAt(cases, n), again);
    agreed[n] = {
      run: again,
      unstable: !caseAt(cases, n).accept(again) && !sameRun(runAt(first, n), again),
    };
  });
  return agreed;
}

function runAt(runs: readonly WineRun[], n: number): WineRun {
  const run = runs[n];
  if (run === undefined) throw new Error(`the Wine driver returned no run for case ${n}`);
  return run;
}

function caseAt(cases: readonly CheckedWineCase[], n: number): CheckedWineCase {
  const found = cases[n];
  if (found === undefined) throw new Error(`no Wine case ${n}`);
  return found;
}

/**
 * Runs the script under Wine; when `accept` rejects the run, runs it again. Returns the accepted
 * run, or the second run with `unstable` set when the two runs differ from each other too.
 */
export async function runUnderWineAgreeing(
  script: string,
  world: SessionWorldConfig,
  options: { args?: string[] },
  accept: (run: WineRun) => boolean,
): Promise<AgreedWineRun> {
  const [agreed] = await runManyUnderWineAgreeing([{ script, world, args: options.args, accept }]);
  if (agreed === undefined) throw new Error("the Wine driver returned no run");
  return agreed;
}

/**
 * Whether the Wine tests can run (and, when they can, removes the Wine prefix after the file's
 * tests). When they cannot, prints the reason, and under
 * `REQUIRE_WINE=1` (set by CI) registers a failing test instead of a silent skip.
 */
export function wineGate(): boolean {
  const wine = wineAvailable();
  if (wine.ok) {
    // Test workers are ended without an exit event, so the prefix is removed explicitly.
    afterAll(disposeWine);
    return true;
  }
  const required = process.env.REQUIRE_WINE === "1";
  console.warn(`Wine oracle tests skipped: ${wine.reason}${required ? " (REQUIRE_WINE=1)" : ""}`);
  if (required) {
    it("Wine and MinGW are installed (REQUIRE_WINE=1)", () => {
      throw new Error(wine.reason);
    });
  }
  return false;
}
