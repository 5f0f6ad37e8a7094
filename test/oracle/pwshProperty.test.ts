/**
 * A fixed sample of the .ps1 property test's random cases (six languages, both layouts,
 * national letters in user names, random options) run by real PowerShell: pwsh logs off
 * exactly the reference selection and makes the same calls as the simulator.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPowerShell } from "../../src/emit/powershell.js";
import { planTarget } from "../../src/plan/plan.js";
import { simulatePowerShell } from "../../src/simulate/powershell/index.js";
import { referenceLogoffCalls } from "../../src/validate/reference.js";
import { randomCase, randomListingWorld } from "../support/randomListings.js";
import { pwshGate, runUnderPwsh, type PwshRun } from "./pwsh.js";

const sample = fc.sample(randomCase(["en", "de", "fr", "it", "es", "ru"], "ps1"), {
  seed: 20261129,
  numRuns: 160,
});

const cases = sample.map(([listing, target], index) => {
  const plan = planTarget(target, "rdlogoff.config.yml");
  const world = randomListingWorld(listing);
  return {
    name: `case ${index} (${listing.locale}, ${listing.layout}, ${listing.sessions.length} rows)`,
    index,
    script: renderPowerShell(plan).bytes.toString("latin1"),
    world,
    expected: referenceLogoffCalls(
      [{ server: "", sessions: listing.sessions, locale: listing.locale }],
      plan,
    ),
  };
});

describe("the pwsh sample", () => {
  it("covers all six languages and logs somebody off in most cases", () => {
    expect(new Set(sample.map(([l]) => l.locale)).size).toBe(6);
    expect(cases.filter((c) => c.expected.length > 0).length).toBeGreaterThan(35);
  });
});

describe.skipIf(!pwshGate())("random listings: pwsh logs off the reference selection", () => {
  let runs: PwshRun[] = [];
  beforeAll(async () => {
    runs = await runUnderPwsh(
      cases.map((c) => ({
        script: c.script,
        world: { servers: c.world.servers },
        computerName: c.world.computerName,
        currentSessionId: c.world.currentSessionId,
        codePage: c.world.consoleCodePage ?? 437,
      })),
    );
  }, 300_000);

  it.each(cases)("$name", async (c) => {
    const run = runs[c.index];
    if (!run) throw new Error("no pwsh run");
    const simulated = await simulatePowerShell(c.script, c.world);
    expect({ calls: run.calls, exitCode: run.exitCode }).toEqual({
      calls: simulated.calls,
      exitCode: simulated.exitCode,
    });
    expect(run.calls.filter((call) => call.startsWith("logoff"))).toEqual(c.expected);
  });
});
