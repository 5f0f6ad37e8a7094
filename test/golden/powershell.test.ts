import { beforeAll, describe, expect, it } from "vitest";
import type { Compilation } from "../../src/compile.js";
import type { ListingFixture } from "../../src/listing/fixtures.js";
import {
  brokerFixtures,
  outcomeMismatch,
  querySessionFixtures,
  runBatchOnFixture,
  runPowerShellOnBroker,
  runPowerShellOnFixture,
  type BrokerFixture,
  type FixtureRun,
} from "../../src/validate/simulate.js";
import { expectGolden, expectNoOrphanGoldens } from "../support/golden.js";
import { compileGoldenOptions } from "../support/compilations.js";

/**
 * The .ps1 targets: golden call logs on every listing (query mode, no RemoteDesktop module)
 * and every broker fixture, and conformance with the .bat of the same target.
 */

let compilations: Compilation[];
let listings: ListingFixture[];
let brokers: BrokerFixture[];
beforeAll(async () => {
  compilations = await compileGoldenOptions();
  listings = await querySessionFixtures();
  brokers = await brokerFixtures();
});

function goldenText(run: FixtureRun): string {
  const whatIf = run.stdout.split(/\r?\n/).filter((l) => l.startsWith("What if: "));
  return [...run.calls, ...whatIf.map((l) => `(${l})`), `exit ${run.exitCode}`].join("\n") + "\n";
}

const logoffs = (run: FixtureRun): string[] => run.calls.filter((c) => /^logoff /.test(c));

describe("PowerShell golden call logs and conformance", () => {
  it("pins, for every .ps1 target, the calls on every listing and broker fixture", async () => {
    const names = new Set<string>();
    for (const { plans, artifacts } of compilations) {
      for (const artifact of artifacts.filter((a) => a.format === "ps1")) {
        const plan = plans.find((p) => p.target === artifact.target);
        if (!plan) throw new Error(`no plan for ${artifact.target}`);
        for (const fixture of listings) {
          const name = `calls/${artifact.fileName}/${fixture.name}.txt`;
          names.add(name);
          expectGolden(name, goldenText(await runPowerShellOnFixture(artifact, plan, fixture)));
        }
        for (const fixture of brokers) {
          const name = `calls/${artifact.fileName}/broker-${fixture.name}.txt`;
          names.add(name);
          const run = await runPowerShellOnBroker(artifact, plan, fixture);
          if (plan.style === "safe") {
            expect({ name, wrong: outcomeMismatch(run), violations: run.violations }).toEqual({
              name,
              wrong: undefined,
              violations: [],
            });
          }
          expectGolden(name, goldenText(run));
        }
      }
    }
    expect(names.size).toBeGreaterThan(150);
    expectNoOrphanGoldens("calls", new Set([...names, ...batchGoldenNames()]));
  });

  it("the .bat and the .ps1 of a safe target choose the same sessions, and both the reference's", async () => {
    let compared = 0;
    for (const { plans, artifacts } of compilations) {
      for (const plan of plans.filter((p) => p.style === "safe" && !p.run.dryRun)) {
        const bat = artifacts.find((a) => a.target === plan.target && a.format === "bat");
        const ps1 = artifacts.find((a) => a.target === plan.target && a.format === "ps1");
        if (!bat || !ps1) continue;
        for (const fixture of listings) {
          const batRun = runBatchOnFixture(bat, plan, fixture);
          const psRun = await runPowerShellOnFixture(ps1, plan, fixture);
          const name = `${plan.target} on ${fixture.name}`;
          // On a UTF-8 console (chcp 65001) cmd.exe cannot match the .bat's OEM state words and
          // fails closed, while PowerShell decodes the listing and may understand it.
          const utf8 = fixture.truth.kind === "listing" && fixture.truth.encoding === "utf-8";
          // A listing only cmd.exe reads wrongly (CR-only line ends, which .NET's ReadLine splits)
          // makes the .bat fail closed while the .ps1 selects: the sidecar says so in `formats`.
          const batOnly =
            fixture.truth.kind === "listing" &&
            fixture.truth.failsClosed?.formats?.includes("ps1") === false;
          const same =
            JSON.stringify([logoffs(psRun), psRun.exitCode]) ===
            JSON.stringify([logoffs(batRun), batRun.exitCode]);
          if (!(utf8 || batOnly) || batRun.exitCode !== 2 || same) {
            expect({ name, ps1: logoffs(psRun), exit: psRun.exitCode }).toEqual({
              name,
              ps1: logoffs(batRun),
              exit: batRun.exitCode,
            });
          } else {
            expect({ name, bat: logoffs(batRun) }).toEqual({ name, bat: [] });
          }
          expect({ name, wrong: outcomeMismatch(psRun) }).toEqual({ name, wrong: undefined });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(150);
  });

  it("the KB PowerShell goldens log off the caller's own session on the broker", async () => {
    const { plans, artifacts } = compilations[0] as Compilation;
    const kb = artifacts.find((a) => a.fileName === "kb-logoff-all.ps1");
    const plan = plans.find((p) => p.target === "kb-logoff-all");
    const fixture = brokers.find((b) => b.name === "all-four-states");
    if (!kb || !plan || !fixture) throw new Error("missing kb-logoff-all.ps1 or the all-four-states fixture");
    const run = await runPowerShellOnBroker(kb, plan, fixture);
    expect(run.violations.map((v) => v.rule)).toEqual(["logged off the current session"]);
  });
});

/** The .bat goldens written by calls.test.ts, so this file's orphan check keeps them. */
function batchGoldenNames(): string[] {
  const names: string[] = [];
  for (const { artifacts } of compilations) {
    for (const artifact of artifacts.filter((a) => a.format === "bat")) {
      for (const fixture of listings) names.push(`calls/${artifact.fileName}/${fixture.name}.txt`);
    }
  }
  return names;
}
