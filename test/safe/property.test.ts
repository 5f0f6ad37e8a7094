import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderBatch } from "../../src/emit/batch.js";
import { planTarget } from "../../src/plan/plan.js";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { createSessionWorld } from "../../src/simulate/world.js";
import { referenceLogoffCalls } from "../../src/validate/reference.js";
import { checkLogoffInvariants } from "../../src/validate/invariants.js";
import { consoleBytes, renderQuerySession } from "../support/listings.js";
import { randomCase } from "../support/randomListings.js";
import { parseQuerySession } from "../../src/listing/index.js";

describe("style safe batch against the reference selector (property)", () => {
  it("logs off exactly the reference selection, on random listings and options", () => {
    let runsWithLogoffs = 0;
    fc.assert(
      fc.property(randomCase(["en", "de", "fr", "it", "ru"], "bat"), ([l, target]) => {
        const plan = planTarget(target, "rdlogoff.config.yml");
        const script = renderBatch(plan).bytes.toString("latin1");
        const text = renderQuerySession(l.sessions, l);
        const world = createSessionWorld({
          servers: {
            "": {
              querySession: { stdout: text, stderr: "", exitCode: 0 },
              sessionIds: l.sessions.map((s) => s.id),
            },
          },
        });
        const result = simulateBatch(script, world);
        const snapshot = { server: "", sessions: l.sessions, locale: l.locale };
        const logoffs = result.calls.filter((c) => c.startsWith("logoff"));
        // The rendered bytes are a listing the independent column parser reads back.
        expect(parseQuerySession(text).rows.map((r) => [r.name, r.user, r.id, r.current])).toEqual(
          l.sessions.map((x) => [x.name, consoleBytes(x.user, l.locale), x.id, x.current]),
        );
        expect(result.exitCode).toBe(0);
        if (logoffs.length > 0) runsWithLogoffs++;
        expect(logoffs).toEqual(referenceLogoffCalls([snapshot], plan));
        expect(checkLogoffInvariants(result.calls, [snapshot], plan.rules)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    // Not vacuous: most random cases log somebody off.
    expect(runsWithLogoffs).toBeGreaterThan(100);
  });
});
