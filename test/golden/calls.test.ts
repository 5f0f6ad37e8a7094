import { beforeAll, describe, expect, it } from "vitest";
import type { Compilation } from "../../src/compile.js";
import type { ListingFixture } from "../../src/listing/fixtures.js";
import {
  outcomeMismatch,
  querySessionFixtures,
  runBatchOnFixture,
  type FixtureRun,
} from "../../src/validate/simulate.js";
import { expectGolden } from "../support/golden.js";
import { compileGoldenOptions } from "../support/compilations.js";

/**
 * Golden call logs: for every batch target of the default options and of
 * test/golden/options.yml, and every recorded listing, the programs the script runs.
 */

let compilations: Compilation[];
let fixtures: ListingFixture[];
let runs: { name: string; run: FixtureRun; style: string }[];
// Every batch script on every listing, run once for all the tests below: a few thousand runs,
// over a minute on a loaded machine.
beforeAll(async () => {
  compilations = await compileGoldenOptions();
  fixtures = await querySessionFixtures();
  runs = batchRuns();
}, 300_000);

/** The calls, then what a dry run printed, then the exit code. */
function goldenText(run: FixtureRun): string {
  const printed = run.stdout.split("\r\n").filter((l) => l.startsWith("dry run: "));
  return [...run.calls, ...printed.map((l) => `(${l})`), `exit ${run.exitCode}`].join("\n") + "\n";
}

function batchRuns(): { name: string; run: FixtureRun; style: string }[] {
  const out: { name: string; run: FixtureRun; style: string }[] = [];
  for (const { plans, artifacts } of compilations) {
    for (const artifact of artifacts.filter((a) => a.format === "bat")) {
      const plan = plans.find((p) => p.target === artifact.target);
      if (!plan) throw new Error(`no plan for ${artifact.target}`);
      for (const fixture of fixtures) {
        const run = runBatchOnFixture(artifact, plan, fixture);
        out.push({ name: `calls/${artifact.fileName}/${fixture.name}.txt`, run, style: plan.style });
      }
    }
  }
  return out;
}

describe("golden call logs", () => {
  it("pins, for every batch target and listing, the programs the script runs", () => {
    expect(runs.length).toBeGreaterThan(200);
    for (const { name, run } of runs) expectGolden(name, goldenText(run));
    // Orphans are checked in powershell.test.ts, which knows every .bat and .ps1 golden.
  });

  it("style safe logs off exactly the reference selection, or fails closed where the sidecar says", () => {
    const safe = runs.filter((r) => r.style === "safe");
    for (const { name, run } of safe) {
      expect({ name, wrong: outcomeMismatch(run), violations: run.violations }).toEqual({
        name,
        wrong: undefined,
        violations: [],
      });
    }
    // Both outcomes occur: the check is not vacuous.
    expect(safe.filter((r) => r.run.expected.kind === "failClosed").length).toBeGreaterThan(50);
    expect(safe.filter((r) => r.run.loggedOff.length > 0).length).toBeGreaterThan(100);
  });

  it("the KB goldens are the evidence of the KB's bug: logoff Disc, logoff Listen, the caller's own session", () => {
    const kb = runs.find((r) => r.name === "calls/kb-logoff-all.bat/qwinsta-en-win10-printspoofer-rdp-listener.txt");
    expect(kb?.run.calls).toEqual(["query session", "logoff Disc", "logoff 1", "logoff 3", "logoff Listen"]);
    const safe = runs.find((r) => r.name === "calls/logoff-all.bat/qwinsta-en-win10-printspoofer-rdp-listener.txt");
    expect(safe?.run.calls).toEqual(["query session", "logoff 1"]);
  });
});
