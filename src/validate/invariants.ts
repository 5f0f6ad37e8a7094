import { keptBy, type RuleKind, type SelectionRule } from "../plan/rules.js";
import type { ServerSnapshot } from "./reference.js";

/** A call that must never happen, whatever the script: the safety net under every simulation. */
export interface InvariantViolation {
  call: string;
  rule: string;
}

const logoffCall = /^logoff(?: (\S+))?(?: \/server:(\S+))?$/i;

/**
 * The rules no script may break, whatever else it gets wrong: those that name who must never
 * go (no user, listeners, the caller, the console, excluded users and ids). The KB style is
 * held to these only; it breaks them on purpose, and the build reports how often.
 */
const floorKinds: ReadonlySet<RuleKind> = new Set([
  "hasUser",
  "notListener",
  "notCurrent",
  "notConsole",
  "userNotIn",
  "userIn",
  "idNotIn",
]);

const floorReasons: Record<string, (rule: SelectionRule, user: string, id: number) => string> = {
  hasUser: () => "the session has no user",
  notListener: () => "the session is a listener",
  notCurrent: () => "the current session (includeCurrent is false)",
  notConsole: () => "the console (excludeConsole)",
  userNotIn: (_rule, user) => `excluded user ${user}`,
  userIn: (_rule, user) => `user ${user} is not in onlyUsers`,
  idNotIn: (_rule, _user, id) => `excluded id ${id}`,
};

/**
 * Checks every `logoff` call of a simulated run against the listings the run saw: the
 * argument is a decimal id of a session on that server, the session is not the services
 * session, and no floor rule of the plan keeps it.
 */
export function checkLogoffInvariants(
  calls: readonly string[],
  snapshots: readonly ServerSnapshot[],
  rules: readonly SelectionRule[],
): InvariantViolation[] {
  const floor = rules.filter((rule) => floorKinds.has(rule.kind));
  const violations: InvariantViolation[] = [];
  const byServer = new Map(snapshots.map((s) => [s.server, s]));
  for (const call of calls) {
    if (!/^logoff\b/i.test(call)) continue;
    const match = logoffCall.exec(call);
    const id = match?.[1];
    if (!match || id === undefined || !/^\d+$/.test(id)) {
      violations.push({
        call,
        rule: "logoff must receive a decimal session id (and only /server:)",
      });
      continue;
    }
    const server = (match[2] ?? "").toLowerCase();
    const session = byServer.get(server)?.sessions?.find((s) => s.id === Number(id));
    if (!session) {
      violations.push({ call, rule: `no session ${id} is listed on ${server || "this server"}` });
      continue;
    }
    if (session.name.toLowerCase() === "services") {
      violations.push({ call, rule: "logged off the services session" });
      continue;
    }
    const kept = keptBy(floor, session, { stateKnown: true, idleMinutes: undefined });
    if (kept) {
      const reason = floorReasons[kept.kind]?.(kept, session.user, session.id) ?? kept.kind;
      violations.push({ call, rule: `logged off ${reason}` });
    }
  }
  return violations;
}
