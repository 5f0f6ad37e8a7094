/**
 * The reference a safe script is held to: what the plan's selection rules choose from what a
 * listing's truth sidecar says the server shows. It reads the truth, never a script.
 */
import type { Locale } from "../options/types.js";
import type { LogoffPlan } from "../plan/plan.js";
import { selectedInOrder, type ListedSession } from "../plan/rules.js";

export { firstListenerId, type ListedSession } from "../plan/rules.js";

/** What one server's `query session` (and `query user`) showed. */
export interface ServerSnapshot {
  /** Lower-case name; "" for the local server. */
  server: string;
  /** undefined: the listing could not be read or was not understood (an error text). */
  sessions: ListedSession[] | undefined;
  /** The listing's language, for state words. */
  locale: Locale | undefined;
  /** query user's IDLE TIME in minutes by session id; undefined: not known. */
  idleMinutes?: ReadonlyMap<number, number | undefined>;
}

/** What of a plan decides which sessions go. */
export type PlanSelection = Pick<LogoffPlan, "rules" | "locales" | "stateWords">;

/**
 * Which sessions of one listing a plan logs off, in the order the script must do it: the
 * listing's order, the current session (when included) last.
 */
export function selectSessions(
  sessions: readonly ListedSession[],
  plan: PlanSelection,
  snapshot: Pick<ServerSnapshot, "locale" | "idleMinutes">,
): ListedSession[] {
  const languageKnown = snapshot.locale !== undefined && plan.locales.includes(snapshot.locale);
  // A script looks the printed word up in its languages' tables, whatever language the header
  // is: Italian prints English Disc and Conn, which a target reading only English knows.
  const wordKnown = (s: ListedSession): boolean =>
    s.stateWord === undefined
      ? languageKnown
      : plan.stateWords.some(
          (w) => w.state === s.state && w.word.toLowerCase() === s.stateWord?.toLowerCase(),
        );
  return selectedInOrder(plan.rules, sessions, (s) => ({
    stateKnown: wordKnown(s),
    idleMinutes: snapshot.idleMinutes?.get(s.id),
  }));
}

/** The `logoff` calls a correct script makes on these servers, in order. */
export function referenceLogoffCalls(
  snapshots: readonly ServerSnapshot[],
  plan: PlanSelection,
): string[] {
  const calls: string[] = [];
  for (const snapshot of snapshots) {
    if (!snapshot.sessions) continue;
    const suffix = snapshot.server ? ` /server:${snapshot.server}` : "";
    for (const s of selectSessions(snapshot.sessions, plan, snapshot))
      calls.push(`logoff ${s.id}${suffix}`);
  }
  return calls;
}
