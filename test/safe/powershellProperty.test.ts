import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderPowerShell } from "../../src/emit/powershell.js";
import { planTarget } from "../../src/plan/plan.js";
import { simulatePowerShell } from "../../src/simulate/powershell/index.js";
import { referenceLogoffCalls } from "../../src/validate/reference.js";
import { randomCase, randomListingWorld } from "../support/randomListings.js";

describe("style safe PowerShell against the reference selector (property)", () => {
  it("logs off exactly the reference selection, on random listings and options in six languages", async () => {
    let runsWithLogoffs = 0;
    await fc.assert(
      fc.asyncProperty(
        randomCase(["en", "de", "fr", "it", "es", "ru"], "ps1"),
        async ([l, target]) => {
          const plan = planTarget(target, "rdlogoff.config.yml");
          const script = renderPowerShell(plan).bytes.toString("latin1");
          const result = await simulatePowerShell(script, randomListingWorld(l));
          const snapshot = { server: "", sessions: l.sessions, locale: l.locale };
          const logoffs = result.calls.filter((c) => c.startsWith("logoff"));
          expect(result.exitCode).toBe(0);
          if (logoffs.length > 0) runsWithLogoffs++;
          expect(logoffs).toEqual(referenceLogoffCalls([snapshot], plan));
        },
      ),
      { numRuns: 300 },
    );
    expect(runsWithLogoffs).toBeGreaterThan(30);
    // 300 renders and runs: well under a minute alone, over it beside other suites.
  }, 180_000);
});
