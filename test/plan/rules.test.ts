/**
 * The meaning of each selection option, written out by hand: which rules an option makes,
 * and which sessions those rules let go. Everything else (the scripts, the build's proof,
 * explain) is held to these rules, so they are pinned here against plain examples.
 */
import { describe, expect, it } from "vitest";
import {
  describeRules,
  keptBy,
  selectedInOrder,
  selectionRules,
  type ListedSession,
  type SessionFacts,
} from "../../src/plan/rules.js";
import { optionsFromYaml } from "../support/options.js";

const target = (yaml: string) => {
  const options = optionsFromYaml(`targets:\n  - name: t\n${yaml}`);
  const first = options.targets[0];
  if (!first) throw new Error("no target");
  return first;
};

const session = (over: Partial<ListedSession>): ListedSession => ({
  name: "rdp-tcp#1",
  user: "alice",
  id: 2,
  state: "active",
  current: false,
  ...over,
});

const known: SessionFacts = { stateKnown: true, idleMinutes: undefined };

describe("selectionRules", () => {
  it("always keeps sessions without a user, listeners and the current session", () => {
    expect(selectionRules(target("    formats: [bat]\n"))).toEqual([
      { kind: "hasUser" },
      { kind: "notListener" },
      { kind: "notCurrent" },
    ]);
  });

  it("makes one rule per selection option, in the order the scripts test them", () => {
    const rules = selectionRules(
      target(
        [
          "    includeCurrent: true",
          "    excludeConsole: true",
          "    excludeUsers: [Bob]",
          '    excludeUsersMatching: ["svc-*"]',
          "    onlyUsers: [alice, bob]",
          '    excludeSessions: ["ica*"]',
          "    excludeIds: [7]",
          "    states: [active, disconnected]",
          "    idleMinutes: 30",
          "    disconnectedMinutes: 60",
          "",
        ].join("\n"),
      ),
    );
    expect(rules.map((r) => r.kind)).toEqual([
      "hasUser",
      "notListener",
      "notConsole",
      "userNotIn",
      "userNotLike",
      "userIn",
      "nameNotLike",
      "idNotIn",
      "stateIn",
      "idleAtLeast",
      "disconnectedIdleAtLeast",
    ]);
  });
});

describe("what each rule keeps", () => {
  const cases: {
    name: string;
    yaml: string;
    kept: ListedSession;
    facts?: SessionFacts;
    by: string;
  }[] = [
    { name: "no user", yaml: "", kept: session({ user: "" }), by: "hasUser" },
    {
      name: "a listener, even with text in USERNAME",
      yaml: "",
      kept: session({ id: 65536 }),
      by: "notListener",
    },
    { name: "the current session", yaml: "", kept: session({ current: true }), by: "notCurrent" },
    {
      name: "the console",
      yaml: "    excludeConsole: true\n",
      kept: session({ name: "CONSOLE" }),
      by: "notConsole",
    },
    {
      name: "an excluded user, any case",
      yaml: "    excludeUsers: [ALICE]\n",
      kept: session({}),
      by: "userNotIn",
    },
    {
      name: "a user not in onlyUsers",
      yaml: "    onlyUsers: [bob]\n",
      kept: session({}),
      by: "userIn",
    },
    {
      name: "a session name by pattern",
      yaml: '    excludeSessions: ["*#1"]\n',
      kept: session({}),
      by: "nameNotLike",
    },
    { name: "an excluded id", yaml: "    excludeIds: [2]\n", kept: session({}), by: "idNotIn" },
    {
      name: "another state",
      yaml: "    states: [disconnected]\n",
      kept: session({}),
      by: "stateIn",
    },
    {
      name: "a state word of a language the target does not read",
      yaml: "    states: [active]\n",
      kept: session({}),
      facts: { stateKnown: false, idleMinutes: undefined },
      by: "stateIn",
    },
    {
      name: "an idle time that is unknown",
      yaml: "    idleMinutes: 30\n",
      kept: session({}),
      by: "idleAtLeast",
    },
    {
      name: "an idle time that is too short",
      yaml: "    idleMinutes: 30\n",
      kept: session({}),
      facts: { stateKnown: true, idleMinutes: 29 },
      by: "idleAtLeast",
    },
    {
      name: "a disconnected session not idle long enough",
      yaml: "    disconnectedMinutes: 60\n",
      kept: session({ state: "disconnected" }),
      facts: { stateKnown: true, idleMinutes: 59 },
      by: "disconnectedIdleAtLeast",
    },
    {
      name: "any session whose state word is unknown, under disconnectedMinutes",
      yaml: "    disconnectedMinutes: 60\n",
      kept: session({}),
      facts: { stateKnown: false, idleMinutes: 500 },
      by: "disconnectedIdleAtLeast",
    },
  ];
  it.each(cases)("$name: kept by $by", ({ yaml, kept, facts, by }) => {
    const rules = selectionRules(target(`    formats: [bat]\n${yaml}`));
    expect(keptBy(rules, kept, facts ?? known)?.kind).toBe(by);
  });

  it("lets go what no rule keeps: an active session idle long enough, a disconnected one idle longer", () => {
    const rules = selectionRules(target("    idleMinutes: 30\n    disconnectedMinutes: 60\n"));
    expect(keptBy(rules, session({}), { stateKnown: true, idleMinutes: 30 })).toBeUndefined();
    const disconnected = session({ state: "disconnected" });
    expect(keptBy(rules, disconnected, { stateKnown: true, idleMinutes: 60 })).toBeUndefined();
  });

  it("counts a disconnected session's minutes from its disconnect time where the script reads one", () => {
    const rules = selectionRules(target("    disconnectedMinutes: 60\n"));
    const disconnected = session({ state: "disconnected" });
    const since = (minutes: number | undefined): SessionFacts => ({
      stateKnown: true,
      idleMinutes: 500,
      sinceDisconnect: { minutes },
    });
    expect(keptBy(rules, disconnected, since(59))?.kind).toBe("disconnectedIdleAtLeast");
    expect(keptBy(rules, disconnected, since(undefined))?.kind).toBe("disconnectedIdleAtLeast");
    expect(keptBy(rules, disconnected, since(60))).toBeUndefined();
    const idleOnly: SessionFacts = { stateKnown: true, idleMinutes: 5 };
    expect(keptBy(rules, disconnected, { ...idleOnly, sinceDisconnect: { minutes: 2880 } })).toBe(
      undefined,
    );
    expect(keptBy(rules, disconnected, idleOnly)?.kind).toBe("disconnectedIdleAtLeast");
  });

  it("orders the selection as listed, the current session last", () => {
    const rules = selectionRules(target("    includeCurrent: true\n"));
    const sessions = [session({ id: 1, current: true }), session({ id: 2 }), session({ id: 3 })];
    expect(selectedInOrder(rules, sessions, () => known).map((s) => s.id)).toEqual([2, 3, 1]);
  });
});

describe("describeRules", () => {
  it("says in one line what a target logs off, for explain and the script headers", () => {
    const rules = selectionRules(
      target("    excludeConsole: true\n    states: [disconnected]\n    excludeIds: [5]\n"),
    );
    expect(describeRules(rules, ["rdsh01"])).toBe(
      "sessions in state disconnected; never the current session; never the console; never ids 5; on rdsh01",
    );
  });
});
