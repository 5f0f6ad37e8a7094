import type { SelectionOptions, ServerSnapshot } from "./reference.js";
import { neverLoggedOff } from "./reference.js";

/** A call that must never happen, whatever the script: the safety net under every simulation. */
export interface InvariantViolation {
  call: string;
  rule: string;
}

const logoffCall = /^logoff(?: (\S+))?(?: \/server:(\S+))?$/i;

/**
 * Checks every `logoff` call of a simulated run against the listings the run saw: the
 * argument is a decimal id of a session on that server, and that session is not one the
 * options or the safety rules exclude (console when excluded, the current session unless
 * included, services, listeners, sessions without a user, excluded users, names and ids).
 */
export function checkLogoffInvariants(
  calls: readonly string[],
  snapshots: readonly ServerSnapshot[],
  options: SelectionOptions,
): InvariantViolation[] {
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
    const never = neverLoggedOff(session);
    const lowerName = session.name.toLowerCase();
    const lowerUser = session.user.toLowerCase();
    const rule =
      (never && `the session ${never}`) ||
      (lowerName === "services" && "the services session") ||
      (session.current &&
        !options.includeCurrent &&
        "the current session (includeCurrent is false)") ||
      (options.excludeConsole && lowerName === "console" && "the console (excludeConsole)") ||
      (options.excludeUsers.some((u) => u.toLowerCase() === lowerUser) &&
        `excluded user ${session.user}`) ||
      (options.onlyUsers.length > 0 &&
        !options.onlyUsers.some((u) => u.toLowerCase() === lowerUser) &&
        `user ${session.user} is not in onlyUsers`) ||
      (options.excludeIds.includes(session.id) && `excluded id ${session.id}`) ||
      undefined;
    if (rule) violations.push({ call, rule: `logged off ${rule}` });
  }
  return violations;
}
