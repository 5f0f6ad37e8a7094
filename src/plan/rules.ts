/**
 * The meaning of every selection option, decided once: a safe target's options become a list of
 * rules, every rule a session must pass to be logged off. The back ends render these rules to
 * code, `explain` and the script headers describe them, and `selects` is the reference the
 * build holds every simulated run to. No other module re-derives a selection from options.
 */
import type { CanonicalState } from "../options/states.js";
import type { TargetOptions } from "../options/types.js";

/** Listeners take ids from 65536 up; no user session has such an id. */
export const firstListenerId = 65536;

/** One condition a session must meet to be logged off. */
export type SelectionRule =
  /** A session without a user (services, listeners, an unused console) is never logged off. */
  | { kind: "hasUser" }
  /** An id from 65536 up is a listener's. */
  | { kind: "notListener" }
  /** The session running the script, unless `includeCurrent` (then it goes last). */
  | { kind: "notCurrent" }
  /** `excludeConsole`. */
  | { kind: "notConsole" }
  /** `excludeUsers`, case-insensitive. */
  | { kind: "userNotIn"; users: string[] }
  /** `excludeUsersMatching`: `*` at the start and/or end, case-insensitive. */
  | { kind: "userNotLike"; patterns: string[] }
  /** `onlyUsers`, case-insensitive. */
  | { kind: "userIn"; users: string[] }
  /**
   * `excludeGroups`: the user is no member of these directory groups, nested members included
   * (`SessionFacts.inExcludedGroups`). A run whose groups cannot be read logs off nobody.
   */
  | { kind: "userNotInGroups"; groups: string[] }
  /** `excludeSessions`: `*` at the start and/or end, case-insensitive. */
  | { kind: "nameNotLike"; patterns: string[] }
  /** `excludeIds`. */
  | { kind: "idNotIn"; ids: number[] }
  /** `states`: the state word must be known (a listing language the target accepts). */
  | { kind: "stateIn"; states: CanonicalState[] }
  /** `idleMinutes`: `query user`'s IDLE TIME must be known and at least this. */
  | { kind: "idleAtLeast"; minutes: number }
  /**
   * `disconnectedMinutes`: a disconnected session only once disconnected at least this long
   * (`SessionFacts.sinceDisconnect`, else its IDLE TIME); a session whose state word is
   * unknown is not acted on.
   */
  | { kind: "disconnectedIdleAtLeast"; minutes: number };

export type RuleKind = SelectionRule["kind"];

/** Every rule kind, in the order the scripts test them (and the README lists them). */
export const ruleKinds: readonly RuleKind[] = [
  "hasUser",
  "notListener",
  "notCurrent",
  "notConsole",
  "userNotIn",
  "userNotLike",
  "userIn",
  "userNotInGroups",
  "nameNotLike",
  "idNotIn",
  "stateIn",
  "idleAtLeast",
  "disconnectedIdleAtLeast",
];

/** The selection options of a target, as rules in `ruleKinds` order. */
export function selectionRules(target: TargetOptions): SelectionRule[] {
  const rules: SelectionRule[] = [{ kind: "hasUser" }, { kind: "notListener" }];
  if (!target.includeCurrent) rules.push({ kind: "notCurrent" });
  if (target.excludeConsole) rules.push({ kind: "notConsole" });
  if (target.excludeUsers.length > 0) {
    rules.push({ kind: "userNotIn", users: [...target.excludeUsers] });
  }
  if (target.excludeUsersMatching.length > 0) {
    rules.push({ kind: "userNotLike", patterns: [...target.excludeUsersMatching] });
  }
  if (target.onlyUsers.length > 0) rules.push({ kind: "userIn", users: [...target.onlyUsers] });
  if (target.excludeGroups.length > 0) {
    rules.push({ kind: "userNotInGroups", groups: [...target.excludeGroups] });
  }
  if (target.excludeSessions.length > 0) {
    rules.push({ kind: "nameNotLike", patterns: [...target.excludeSessions] });
  }
  if (target.excludeIds.length > 0) rules.push({ kind: "idNotIn", ids: [...target.excludeIds] });
  if (target.states.length > 0) rules.push({ kind: "stateIn", states: [...target.states] });
  if (target.idleMinutes !== undefined) {
    rules.push({ kind: "idleAtLeast", minutes: target.idleMinutes });
  }
  if (target.disconnectedMinutes !== undefined) {
    rules.push({ kind: "disconnectedIdleAtLeast", minutes: target.disconnectedMinutes });
  }
  return rules;
}

/** A session as a listing shows it. */
export interface ListedSession {
  name: string;
  user: string;
  id: number;
  /** undefined: the state word is not one the listing's language is known to print. */
  state: CanonicalState | undefined;
  current: boolean;
  /** The state word as printed, when known (a script reads the word, not the language). */
  stateWord?: string;
}

/** What the script can know about a session beyond its row. */
export interface SessionFacts {
  /** Whether the listing's language is one the target reads state words of. */
  stateKnown: boolean;
  /** `query user`'s IDLE TIME in minutes; undefined: not known. */
  idleMinutes: number | undefined;
  /**
   * Where the script reads when the session was disconnected (the broker's `DisconnectTime`,
   * as Group Policy's disconnected-session limit counts): the whole minutes since then,
   * undefined when no time is given. Absent where no such time exists (`query` prints none):
   * there IDLE TIME stands for it.
   */
  sinceDisconnect?: { minutes: number | undefined };
  /**
   * Whether the user is a member (nested included) of a group of `excludeGroups`, as the
   * directory answered at the start of the run; undefined: not asked (a rule that needs it
   * keeps the session).
   */
  inExcludedGroups?: boolean;
}

/** Whether `pattern` (`*` at the start and/or end) matches a name, ignoring case. */
export function nameLike(name: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  const n = name.toLowerCase();
  const starts = p.startsWith("*");
  const ends = p.endsWith("*") && p.length > 1;
  const core = p.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (starts && ends) return n.includes(core);
  if (starts) return n.endsWith(core);
  if (ends) return n.startsWith(core);
  return n === core;
}

const hasName = (names: readonly string[], name: string): boolean =>
  names.some((candidate) => candidate.toLowerCase() === name.toLowerCase());

/** Whether one rule lets the session go. */
export function passes(rule: SelectionRule, s: ListedSession, facts: SessionFacts): boolean {
  switch (rule.kind) {
    case "hasUser":
      return s.user !== "";
    case "notListener":
      return s.id < firstListenerId;
    case "notCurrent":
      return !s.current;
    case "notConsole":
      return s.name.toLowerCase() !== "console";
    case "userNotIn":
      return !hasName(rule.users, s.user);
    case "userNotLike":
      return !rule.patterns.some((pattern) => nameLike(s.user, pattern));
    case "userIn":
      return hasName(rule.users, s.user);
    case "userNotInGroups":
      return facts.inExcludedGroups === false;
    case "nameNotLike":
      // query cuts a long session name to its start and "...": it could be any name that
      // starts so, and an exclusion that might match it keeps it.
      return !s.name.endsWith("...") && !rule.patterns.some((pattern) => nameLike(s.name, pattern));
    case "idNotIn":
      return !rule.ids.includes(s.id);
    case "stateIn":
      return facts.stateKnown && s.state !== undefined && rule.states.includes(s.state);
    case "idleAtLeast":
      return facts.idleMinutes !== undefined && facts.idleMinutes >= rule.minutes;
    case "disconnectedIdleAtLeast": {
      if (!facts.stateKnown) return false;
      if (s.state !== "disconnected") return true;
      const minutes = facts.sinceDisconnect ? facts.sinceDisconnect.minutes : facts.idleMinutes;
      return minutes !== undefined && minutes >= rule.minutes;
    }
  }
}

/** The first rule that keeps the session, or undefined when the rules select it. */
export function keptBy(
  rules: readonly SelectionRule[],
  s: ListedSession,
  facts: SessionFacts,
): SelectionRule | undefined {
  return rules.find((rule) => !passes(rule, s, facts));
}

/** Whether the rules select the session: the reference every safe script is held to. */
export function selects(
  rules: readonly SelectionRule[],
  s: ListedSession,
  facts: SessionFacts,
): boolean {
  return keptBy(rules, s, facts) === undefined;
}

/**
 * The sessions of one listing the rules select, in the order a script must log them off:
 * the listing's order, the current session (when a rule lets it go) last.
 */
export function selectedInOrder<T extends ListedSession>(
  rules: readonly SelectionRule[],
  sessions: readonly T[],
  factsOf: (session: T) => SessionFacts,
): T[] {
  const chosen = sessions.filter((s) => selects(rules, s, factsOf(s)));
  return [...chosen.filter((s) => !s.current), ...chosen.filter((s) => s.current)];
}

/** Which rules of a kind a list holds (at most one each). */
export function ruleOf<K extends RuleKind>(
  rules: readonly SelectionRule[],
  kind: K,
): Extract<SelectionRule, { kind: K }> | undefined {
  return rules.find((rule): rule is Extract<SelectionRule, { kind: K }> => rule.kind === kind);
}

/** Whether a script of these rules must read `query user` (for IDLE TIME). */
export function needsQueryUser(rules: readonly SelectionRule[]): boolean {
  return rules.some((r) => r.kind === "idleAtLeast" || r.kind === "disconnectedIdleAtLeast");
}

/** Whether a script of these rules must read state words. */
export function needsStateWords(rules: readonly SelectionRule[]): boolean {
  return rules.some((r) => r.kind === "stateIn" || r.kind === "disconnectedIdleAtLeast");
}

/** One line saying which sessions the rules select; for headers and explain. */
export function describeRules(rules: readonly SelectionRule[], servers: readonly string[]): string {
  const states = ruleOf(rules, "stateIn");
  const parts = [
    states ? `sessions in state ${states.states.join(" or ")}` : "sessions in any state",
  ];
  parts.push(
    ruleOf(rules, "notCurrent") ? "never the current session" : "the current session last",
  );
  for (const rule of rules) {
    switch (rule.kind) {
      case "notConsole":
        parts.push("never the console");
        break;
      case "userNotIn":
        parts.push(`never users ${rule.users.join(", ")}`);
        break;
      case "userNotLike":
        parts.push(`never users like ${rule.patterns.join(", ")}`);
        break;
      case "userIn":
        parts.push(`only users ${rule.users.join(", ")}`);
        break;
      case "userNotInGroups":
        parts.push(`never members (nested included) of groups ${rule.groups.join(", ")}`);
        break;
      case "nameNotLike":
        parts.push(`never sessions ${rule.patterns.join(", ")}`);
        break;
      case "idNotIn":
        parts.push(`never ids ${rule.ids.join(", ")}`);
        break;
      case "idleAtLeast":
        parts.push(`idle at least ${rule.minutes} minutes`);
        break;
      case "disconnectedIdleAtLeast":
        parts.push(
          `disconnected ones once disconnected ${rule.minutes} minutes (DisconnectTime on a broker, IDLE TIME with query)`,
        );
        break;
      default:
        break;
    }
  }
  const named = servers.map((server) => server || "this server");
  parts.push(named.length > 0 ? `on ${named.join(", ")}` : "on this server");
  return parts.join("; ");
}
