import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Compilation } from "../../src/compile.js";
import type { ListingFixture } from "../../src/listing/fixtures.js";
import { referenceLogoffCalls } from "../../src/validate/reference.js";
import {
  planServers,
  querySessionFixtures,
  runBatchOnFixture,
  snapshotOf,
  type FixtureRun,
} from "../../src/validate/simulate.js";
import { expectGolden } from "../support/golden.js";
import { compileGoldenOptions } from "../support/compilations.js";

/**
 * Golden call logs: for every batch target of the default options and of
 * test/golden/options.yml, and every recorded listing, the programs the script runs.
 */

/**
 * Listings the safe script refuses (exit 2, nobody logged off) and why: the bytes are not
 * what a console shows, or rows are off the column grid. Failing closed is the specified
 * behaviour there; everywhere else the script must match the reference selection.
 */
const failsClosed: Record<string, string> = {
  "qwinsta-en-2003-remote-LEADING-SPACE-LOST": "every line lost its first column in the paste",
  "qwinsta-en-2025-LEADING-SPACE-LOST-digits-underscore-user": "header and services row lost their first column",
  "qwinsta-fr-2019-counter-disc-blank-sessionname-TRUNCATED": "header and first rows lost their first column",
  "qwinsta-fr-2019-counter-disc-blank-sessionname-TRUNCATED-cp850": "header and first rows lost their first column",
  "qwinsta-en-2003-remote-blank-session0-wdcon-rdpwd": "anonymised user rows sit off the ID column",
  "qwinsta-fr-2021-counter-citrix-listeners": "the anonymised user-test row sits off the ID column",
  "qwinsta-fr-2021-counter-citrix-listeners-cp850": "the anonymised user-test row sits off the ID column",
  "qwinsta-en-2024-down-states-NO-HEADER": "the paste has no header line",
  "qwinsta-ru-2025-truncated-hyperv-listener": "UTF-8 copy: each Cyrillic letter is two bytes, so the columns shift (the -cp866 copy is what a console shows)",
  "qwinsta-es-remote-multiword-header-active-disc-blank-sessionname":
    "UTF-8 copy: the header's \u00d3 is two bytes, so ID ends one byte right of the grid (the -cp850 copy is what a console shows)",
  "qwinsta-en-error-rpc-unavailable-0x6BA": "an error text, not a listing",
  "qwinsta-en-error-winrm-no-session-exists": "an error text, not a listing",
};

let compilations: Compilation[];
let fixtures: ListingFixture[];
beforeAll(async () => {
  compilations = await compileGoldenOptions();
  fixtures = await querySessionFixtures();
});

/** The calls, then what a dry run printed, then the exit code. */
function goldenText(run: FixtureRun): string {
  const printed = run.stdout.split("\r\n").filter((l) => l.startsWith("dry run: "));
  return [...run.calls, ...printed.map((l) => `(${l})`), `exit ${run.exitCode}`].join("\n") + "\n";
}

function batchRuns(): { name: string; run: FixtureRun; style: string; reference: string[] }[] {
  const out: { name: string; run: FixtureRun; style: string; reference: string[] }[] = [];
  for (const { plans, artifacts } of compilations) {
    for (const artifact of artifacts.filter((a) => a.format === "bat")) {
      const plan = plans.find((p) => p.target === artifact.target);
      if (!plan) throw new Error(`no plan for ${artifact.target}`);
      for (const fixture of fixtures) {
        const run = runBatchOnFixture(artifact, plan, fixture);
        const snapshots = planServers(plan).map((server) => snapshotOf(fixture, server));
        out.push({
          name: `calls/${artifact.fileName}/${fixture.name}.txt`,
          run,
          style: plan.style,
          reference: referenceLogoffCalls(snapshots, plan.selection),
        });
      }
    }
  }
  return out;
}

describe("golden call logs", () => {
  it("pins, for every batch target and listing, the programs the script runs", () => {
    const runs = batchRuns();
    expect(runs.length).toBeGreaterThan(200);
    for (const { name, run } of runs) expectGolden(name, goldenText(run));
    // Orphans are checked in powershell.test.ts, which knows every .bat and .ps1 golden.
  });

  it("style safe logs off exactly the reference selection, or fails closed where listed", () => {
    for (const { name, run, reference } of batchRuns().filter((r) => r.style === "safe")) {
      // A dry run prints the logoff lines instead of running them.
      const printed = run.stdout.split("\r\n").flatMap((l) => (l.startsWith("dry run: logoff ") ? [l.slice(9)] : []));
      const logoffs = [...run.calls.filter((c) => /^logoff /.test(c)), ...printed];
      const fixture = path.basename(name, ".txt");
      if (fixture in failsClosed) {
        expect({ name, logoffs, exitCode: run.exitCode }).toEqual({ name, logoffs: [], exitCode: 2 });
      } else {
        expect({ name, logoffs, exitCode: run.exitCode }).toEqual({ name, logoffs: reference, exitCode: 0 });
      }
      expect({ name, violations: run.violations }).toEqual({ name, violations: [] });
    }
  });

  it("the KB goldens are the evidence of the KB's bug: logoff Disc, logoff Listen, the caller's own session", () => {
    const kb = batchRuns().find((r) => r.name === "calls/kb-logoff-all.bat/qwinsta-en-win10-printspoofer-rdp-listener.txt");
    expect(kb?.run.calls).toEqual(["query session", "logoff Disc", "logoff 1", "logoff 3", "logoff Listen"]);
    const safe = batchRuns().find((r) => r.name === "calls/logoff-all.bat/qwinsta-en-win10-printspoofer-rdp-listener.txt");
    expect(safe?.run.calls).toEqual(["query session", "logoff 1"]);
  });
});
