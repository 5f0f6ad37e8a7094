import type { CanonicalState } from "../options/states.js";
import type { Locale, TargetOptions } from "../options/types.js";

/** One row of a listing, as its truth sidecar records it. */
export interface ListedSession {
  name: string;
  user: string;
  id: number;
  state: CanonicalState | undefined;
  current: boolean;
}

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

/** The options that decide which sessions go. */
export type SelectionOptions = Pick<
  TargetOptions,
  | "excludeConsole"
  | "states"
  | "includeCurrent"
  | "excludeUsers"
  | "onlyUsers"
  | "excludeSessions"
  | "excludeIds"
  | "idleMinutes"
  | "disconnectedMinutes"
  | "locale"
>;

/** Listeners take ids from 65536 up; no user session has such an id. */
export const firstListenerId = 65536;

function matchesPattern(name: string, pattern: string): boolean {
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

const lower = (values: readonly string[]): Set<string> =>
  new Set(values.map((v) => v.toLowerCase()));

/**
 * Why a session may never be logged off, whatever the options: no user (services, listeners,
 * a console nobody uses, Down rows) or an id that is not a user session's.
 */
export function neverLoggedOff(session: ListedSession): string | undefined {
  if (session.user === "") return "has no user";
  if (session.id >= firstListenerId) return "is a listener";
  return undefined;
}

/**
 * Which sessions of one listing a target logs off, in the order the script must do it: the
 * listing's order, the current session (when included) last. This is the specification the
 * generated scripts are held to; it reads the truth, not any script.
 */
export function selectSessions(
  sessions: readonly ListedSession[],
  options: SelectionOptions,
  snapshot: Pick<ServerSnapshot, "locale" | "idleMinutes">,
): ListedSession[] {
  const excludedUsers = lower(options.excludeUsers);
  const onlyUsers = lower(options.onlyUsers);
  const stateKnown = snapshot.locale !== undefined && options.locale.includes(snapshot.locale);
  const chosen = sessions.filter((s) => {
    if (neverLoggedOff(s)) return false;
    if (s.current && !options.includeCurrent) return false;
    if (options.excludeConsole && s.name.toLowerCase() === "console") return false;
    if (excludedUsers.has(s.user.toLowerCase())) return false;
    if (onlyUsers.size > 0 && !onlyUsers.has(s.user.toLowerCase())) return false;
    if (options.excludeSessions.some((p) => matchesPattern(s.name, p))) return false;
    if (options.excludeIds.includes(s.id)) return false;
    if (options.states.length > 0) {
      if (!stateKnown || s.state === undefined || !options.states.includes(s.state)) return false;
    }
    if (options.idleMinutes !== undefined || options.disconnectedMinutes !== undefined) {
      const idle = snapshot.idleMinutes?.get(s.id);
      if (options.idleMinutes !== undefined && (idle === undefined || idle < options.idleMinutes)) {
        return false;
      }
      if (options.disconnectedMinutes !== undefined) {
        // Without the state word the script cannot tell whether the rule applies: it does not act.
        if (!stateKnown) return false;
        if (
          s.state === "disconnected" &&
          (idle === undefined || idle < options.disconnectedMinutes)
        ) {
          return false;
        }
      }
    }
    return true;
  });
  return [...chosen.filter((s) => !s.current), ...chosen.filter((s) => s.current)];
}

/** The `logoff` calls a correct script makes on these servers, in order. */
export function referenceLogoffCalls(
  snapshots: readonly ServerSnapshot[],
  options: SelectionOptions,
): string[] {
  const calls: string[] = [];
  for (const snapshot of snapshots) {
    if (!snapshot.sessions) continue;
    const suffix = snapshot.server ? ` /server:${snapshot.server}` : "";
    for (const s of selectSessions(snapshot.sessions, options, snapshot))
      calls.push(`logoff ${s.id}${suffix}`);
  }
  return calls;
}
