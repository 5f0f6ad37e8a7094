import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderBatch } from "../../src/emit/batch.js";
import { parseOptions } from "../../src/options/load.js";
import type { CanonicalState } from "../../src/options/states.js";
import type { Locale, TargetOptions } from "../../src/options/types.js";
import { planTarget } from "../../src/plan/plan.js";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { createSessionWorld } from "../../src/simulate/world.js";
import { referenceLogoffCalls, type ListedSession } from "../../src/validate/reference.js";
import { checkLogoffInvariants } from "../../src/validate/invariants.js";
import { renderQuerySession, type Layout } from "../support/listings.js";
import { parseQuerySession } from "../../src/listing/index.js";

const userName = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9._-]{0,8}$/),
    fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.-]{0,6}$/), { nil: undefined }),
  )
  .map(([first, second]) => (second ? `${first} ${second}` : first));

const sessionName = fc.oneof(
  fc.constant(""),
  fc.constant("console"),
  fc.integer({ min: 0, max: 40 }).map((n) => `rdp-tcp#${n}`),
  fc.integer({ min: 0, max: 9 }).map((n) => `ica-cgp#${n}`),
);

const userStates: CanonicalState[] = ["active", "disconnected", "connected", "idle", "down"];

const session = fc.record({
  name: sessionName,
  user: fc.oneof({ weight: 1, arbitrary: fc.constant("") }, { weight: 4, arbitrary: userName }),
  state: fc.constantFrom(...userStates),
});

/** A listing: services first, user rows with distinct ids, maybe a listener, at most one `>`. */
const listing = fc
  .record({
    rows: fc.array(session, { minLength: 0, maxLength: 10 }),
    current: fc.integer({ min: -1, max: 10 }),
    listener: fc.boolean(),
    layout: fc.constantFrom<Layout>("narrow", "wide"),
    locale: fc.constantFrom<Locale>("en", "de", "fr", "it", "ru"),
    trailingSpaces: fc.boolean(),
    counterFooter: fc.boolean(),
  })
  .map((l) => {
    const sessions: ListedSession[] = [
      { name: "services", user: "", id: 0, state: "disconnected", current: false },
    ];
    l.rows.forEach((r, i) => sessions.push({ ...r, id: i + 1, current: i === l.current }));
    if (l.listener)
      sessions.push({ name: "rdp-tcp", user: "", id: 65536, state: "listen", current: false });
    return { ...l, sessions };
  });

function targetOptions(yaml: string): TargetOptions {
  const options = parseOptions(yaml, "/p/rdlogoff.config.yml", "rdlogoff.config.yml");
  const target = options.targets[0];
  if (!target) throw new Error("no target");
  return target;
}

const options = (users: string[]) =>
  fc
    .record({
      excludeConsole: fc.boolean(),
      includeCurrent: fc.boolean(),
      states: fc.subarray(["active", "disconnected", "connected"]),
      excludeUsers: fc.subarray(users, { maxLength: Math.min(2, users.length) }),
      onlyUsers:
        users.length === 0
          ? fc.constant([])
          : fc.oneof(
              fc.constant([]),
              fc.subarray(users, { minLength: 1, maxLength: Math.min(3, users.length) }),
            ),
      excludeIds: fc.subarray([1, 2, 3, 4]),
      excludeSessions: fc.subarray(["rdp-tcp#1*", "*#2", "*cgp*", "console"]),
    })
    .map((o) =>
      targetOptions(
        `targets:\n  - name: p\n    formats: [bat]\n${Object.entries(o)
          .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
          .join("\n")}\n`,
      ),
    );

describe("style safe batch against the reference selector (property)", () => {
  it("logs off exactly the reference selection, on random listings and options", () => {
    let runsWithLogoffs = 0;
    fc.assert(
      fc.property(
        listing.chain((l) => {
          const users = [...new Set(l.sessions.map((s) => s.user).filter((u) => u !== ""))];
          return fc.tuple(fc.constant(l), options(users));
        }),
        ([l, target]) => {
          const script = renderBatch(planTarget(target, "rdlogoff.config.yml")).bytes.toString(
            "latin1",
          );
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
          expect(
            parseQuerySession(text).rows.map((r) => [r.name, r.user, r.id, r.current]),
          ).toEqual(l.sessions.map((x) => [x.name, x.user, x.id, x.current]));
          expect(result.exitCode).toBe(0);
          if (logoffs.length > 0) runsWithLogoffs++;
          expect(logoffs).toEqual(referenceLogoffCalls([snapshot], target));
          expect(checkLogoffInvariants(result.calls, [snapshot], target)).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
    // Not vacuous: most random cases log somebody off.
    expect(runsWithLogoffs).toBeGreaterThan(100);
  });
});
