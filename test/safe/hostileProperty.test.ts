/**
 * Random hostile listings against both safe scripts, through the simulators: names built from
 * the characters cmd.exe and PowerShell give meaning to (a listing is text users and admins
 * chose) must be read as data and select exactly what the reference selects; a listing that is
 * not what query prints (an id with a leading zero, an id on two rows, a second `>`, a row
 * past DEVICE) must log off nobody and exit 2. The fixed corpus is fixtures/query-session/
 * qwinsta-hostile-*; this covers the combinations between its examples.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderBatch } from "../../src/emit/batch.js";
import { renderPowerShell } from "../../src/emit/powershell.js";
import { planTarget } from "../../src/plan/plan.js";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { simulatePowerShell } from "../../src/simulate/powershell/index.js";
import { createSessionWorld } from "../../src/simulate/world.js";
import { referenceLogoffCalls, type ListedSession } from "../../src/validate/reference.js";
import { renderQuerySession } from "../support/listings.js";
import { optionsFromYaml } from "../support/options.js";

/** Letters, digits and the characters that mean something to cmd.exe or PowerShell. */
const hostileChars = [..."abcxyz0189-#._", ..."\"&|<>^%!()'`$;,=@[]{}~"];

const hostileText = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...hostileChars, " "), { minLength: 1, maxLength })
    .map((chars) => chars.join("").trim())
    .filter((text) => text !== "" && !text.includes("  "));

/** A user name an options file may hold (the ones a hostile listing shares with the options). */
const plainUser = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);

interface HostileListing {
  sessions: ListedSession[];
  /** How the printed text is spoiled, or undefined: it is what query prints. */
  spoil?: "leadingZero" | "duplicateId" | "secondMarker" | "pastDevice";
}

const hostileListing: fc.Arbitrary<HostileListing> = fc
  .record({
    rows: fc.array(
      fc.record({
        name: fc.oneof(hostileText(16), fc.constant(""), fc.constant("rdp-tcp#7")),
        user: fc.oneof(hostileText(20), plainUser),
        state: fc.constantFrom<ListedSession["state"]>("active", "disconnected"),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    current: fc.integer({ min: -1, max: 7 }),
    spoil: fc.option(
      fc.constantFrom("leadingZero", "duplicateId", "secondMarker", "pastDevice") as fc.Arbitrary<
        NonNullable<HostileListing["spoil"]>
      >,
      { nil: undefined, freq: 3 },
    ),
  })
  .map(({ rows, current, spoil }) => ({
    sessions: [
      { name: "services", user: "", id: 0, state: "disconnected", current: false },
      ...rows.map((r, i) => ({ ...r, id: i + 1, current: i === current })),
      { name: 'rdp"&calc', user: "", id: 65536, state: "listen", current: false },
    ],
    ...(spoil ? { spoil } : {}),
  }));

/** The listing's text, spoiled as the case says (on its first user row). */
function printed(listing: HostileListing): string {
  const lines = renderQuerySession(listing.sessions, { layout: "narrow", locale: "en" }).split(
    "\r\n",
  );
  const row = 2; // header, services, then the first user row (id 1)
  const line = lines[row] ?? "";
  switch (listing.spoil) {
    case "leadingZero":
      lines[row] = line.replace(/ (\d+)( {2}\S)/, "0$1$2");
      break;
    case "duplicateId":
      lines.splice(row + 1, 0, line.replace(/^>/, " "));
      break;
    case "secondMarker":
      lines[row] = `>${line.slice(1)}`;
      lines.splice(row + 1, 0, `>${line.slice(1).replace(/ 1 {2}/, "99  ")}`);
      break;
    case "pastDevice":
      lines[row] = `${line.padEnd(92)}& logoff 1`;
      break;
    default:
      break;
  }
  return lines.join("\r\n");
}

/** Options over the plain users of the listing and a few session name patterns. */
function optionsFor(listing: HostileListing) {
  const plain = [
    ...new Set(listing.sessions.map((s) => s.user).filter((u) => /^[a-z][a-z0-9]*$/.test(u))),
  ];
  const some = Math.min(2, plain.length);
  return fc
    .record({
      excludeUsers: fc.subarray(plain, { maxLength: some }),
      onlyUsers:
        some === 0
          ? fc.constant([])
          : fc.oneof(fc.constant([]), fc.subarray(plain, { minLength: 1, maxLength: some })),
      excludeSessions: fc.subarray(["x*", "*9", "*#7", "a*"]),
      states: fc.subarray(["active", "disconnected"]),
    })
    .map((o) => {
      const yaml = `targets:\n  - name: p\n${Object.entries(o)
        .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
        .join("\n")}\n`;
      const target = optionsFromYaml(yaml).targets[0];
      if (!target) throw new Error("no target");
      return target;
    });
}

const cases = hostileListing.chain((listing) =>
  fc.tuple(fc.constant(listing), optionsFor(listing)),
);

const localWorld = (listing: HostileListing) => ({
  servers: {
    "": {
      querySession: { stdout: printed(listing), stderr: "", exitCode: 0 },
      sessionIds: [...listing.sessions.map((s) => s.id), 99],
    },
  },
});

describe("safe scripts on random hostile listings (property)", () => {
  it("read names as data and fail closed on what query does not print", async () => {
    const seen = { selected: 0, failedClosed: 0 };
    await fc.assert(
      fc.asyncProperty(cases, async ([listing, target]) => {
        const plan = planTarget(target, "rdlogoff.config.yml");
        const expected = listing.spoil
          ? []
          : referenceLogoffCalls([{ server: "", sessions: listing.sessions, locale: "en" }], plan);
        const bat = simulateBatch(
          renderBatch(plan).bytes.toString("latin1"),
          createSessionWorld(localWorld(listing)),
        );
        const current = listing.sessions.find((s) => s.current);
        const ps1 = await simulatePowerShell(renderPowerShell(plan).bytes.toString("latin1"), {
          ...localWorld(listing),
          computerName: "RDSH01",
          currentSessionId: current?.id ?? 0,
        });
        for (const run of [bat, ps1]) {
          expect(run.calls.filter((c) => c.startsWith("logoff"))).toEqual(expected);
          expect(run.calls.every((c) => /^(query|logoff) /.test(c))).toBe(true);
          expect(run.exitCode).toBe(listing.spoil ? 2 : 0);
        }
        if (listing.spoil) seen.failedClosed++;
        else if (expected.length > 0) seen.selected++;
      }),
      { numRuns: 300 },
    );
    // Not vacuous: both kinds of case came up, and many valid ones logged somebody off.
    expect(seen.failedClosed).toBeGreaterThan(30);
    expect(seen.selected).toBeGreaterThan(40);
  });
});

/** What may happen to a session during the warning's wait. */
type Change = "same" | "otherUser" | "otherName" | "gone";

describe("the warning's re-check on random changes (property)", () => {
  it("logs off only sessions still the same session and still selected", async () => {
    let loggedOff = 0;
    await fc.assert(
      fc.asyncProperty(
        hostileListing.filter((l) => !l.spoil),
        fc.array(fc.constantFrom<Change>("same", "otherUser", "otherName", "gone"), {
          minLength: 10,
          maxLength: 10,
        }),
        fc.boolean(),
        async (before, changes, newcomer) => {
          const after: HostileListing = {
            sessions: [
              ...before.sessions.flatMap((s, i): ListedSession[] => {
                if (s.id === 0 || s.id >= 65536) return [s];
                const change = changes[i] ?? "same";
                if (change === "gone") return [];
                if (change === "otherUser") return [{ ...s, user: `${s.user}x`.slice(-20) }];
                if (change === "otherName") return [{ ...s, name: "rdp-tcp#90" }];
                return [s];
              }),
              ...(newcomer
                ? [
                    {
                      name: "rdp-tcp#91",
                      user: "newcomer",
                      id: 50,
                      state: "active" as const,
                      current: false,
                    },
                  ]
                : []),
            ],
          };
          const target = optionsFromYaml(
            "targets:\n  - name: p\n    warn: {message: Bye, waitSeconds: 0}\n",
          ).targets[0];
          if (!target) throw new Error("no target");
          const plan = planTarget(target, "rdlogoff.config.yml");
          const warned = before.sessions;
          const same = (s: ListedSession) =>
            warned.some(
              (w) =>
                w.id === s.id &&
                w.user.toLowerCase() === s.user.toLowerCase() &&
                w.name.toLowerCase() === s.name.toLowerCase(),
            );
          const expected = referenceLogoffCalls(
            [{ server: "", sessions: after.sessions.filter(same), locale: "en" }],
            plan,
          );
          const world = {
            servers: {
              "": {
                querySession: [before, after].map((l) => ({
                  stdout: printed(l),
                  stderr: "",
                  exitCode: 0,
                })),
                sessionIds: [
                  ...new Set([before, after].flatMap((l) => l.sessions.map((s) => s.id))),
                ],
              },
            },
          };
          const bat = simulateBatch(
            renderBatch(plan).bytes.toString("latin1"),
            createSessionWorld(world),
          );
          const ps1 = await simulatePowerShell(renderPowerShell(plan).bytes.toString("latin1"), {
            ...world,
            computerName: "RDSH01",
            currentSessionId: before.sessions.find((s) => s.current)?.id ?? 0,
          });
          for (const run of [bat, ps1]) {
            expect(run.calls.filter((c) => c.startsWith("logoff"))).toEqual(expected);
            expect(run.exitCode).toBe(0);
          }
          loggedOff += expected.length;
        },
      ),
      { numRuns: 150 },
    );
    expect(loggedOff).toBeGreaterThan(100);
  });
});
