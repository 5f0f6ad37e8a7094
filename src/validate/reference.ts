/**
 * The reference a safe script is held to: what the plan's selection rules choose from what a
 * listing's truth sidecar says the server shows. It reads the truth, never a script.
 */
import type { Locale } from "../options/types.js";
import type { LogoffPlan } from "../plan/plan.js";
import { selectedInOrder, type ListedSession } from "../plan/rules.js";
import type { Directory } from "../simulate/types.js";

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
  groupMembers?: ReadonlySet<string>,
): ListedSession[] {
  return selectedInOrder(plan.rules, sessions, (s) => ({
    stateKnown: stateWordKnown(s, plan, snapshot),
    idleMinutes: snapshot.idleMinutes?.get(s.id),
    inExcludedGroups: groupMembers?.has(ordinalKey(s.user)),
  }));
}

/** Whether a script of the plan knows the session's state word. */
function stateWordKnown(
  s: ListedSession,
  plan: PlanSelection,
  snapshot: Pick<ServerSnapshot, "locale">,
): boolean {
  // A script looks the printed word up in its languages' tables, whatever language the header
  // is: Italian prints English Disc and Conn, which a target reading only English knows.
  if (s.stateWord !== undefined)
    return plan.stateWords.some(
      (w) => w.state === s.state && w.word.toLowerCase() === s.stateWord?.toLowerCase(),
    );
  return snapshot.locale !== undefined && plan.locales.includes(snapshot.locale);
}

/**
 * Whether a warning may be read in the session: it is Active, or its state word is one the
 * script does not know (then it cannot tell nobody is there). Others are not warned.
 */
export function mayBeAtKeyboard(
  s: ListedSession,
  plan: PlanSelection,
  snapshot: Pick<ServerSnapshot, "locale">,
): boolean {
  return !stateWordKnown(s, plan, snapshot) || s.state === undefined || s.state === "active";
}

/**
 * One call per session a correct script chooses on these servers, in order, naming it as
 * `program` does (`logoff 3`, `msg 5 /server:rdsh02`); `only` narrows the sessions.
 */
function callsOnChosen(
  snapshots: readonly ServerSnapshot[],
  plan: PlanSelection,
  program: string,
  groupMembers: ReadonlySet<string> | undefined,
  only: (s: ListedSession, snapshot: ServerSnapshot) => boolean = () => true,
): string[] {
  return snapshots.flatMap((snapshot) => {
    const suffix = snapshot.server ? ` /server:${snapshot.server}` : "";
    return selectSessions(snapshot.sessions ?? [], plan, snapshot, groupMembers)
      .filter((s) => only(s, snapshot))
      .map((s) => `${program} ${s.id}${suffix}`);
  });
}

/**
 * The warnings a correct script with `warn` sends on these servers, in order, as `msg` calls
 * name the session: the sessions it will log off that may have somebody at the keyboard.
 */
export function referenceMessages(
  snapshots: readonly ServerSnapshot[],
  plan: PlanSelection,
  groupMembers?: ReadonlySet<string>,
): string[] {
  return callsOnChosen(snapshots, plan, "msg", groupMembers, (s, snapshot) =>
    mayBeAtKeyboard(s, plan, snapshot),
  );
}

/** The `logoff` calls a correct script makes on these servers, in order. */
export function referenceLogoffCalls(
  snapshots: readonly ServerSnapshot[],
  plan: PlanSelection,
  groupMembers?: ReadonlySet<string>,
): string[] {
  return callsOnChosen(snapshots, plan, "logoff", groupMembers);
}

/**
 * A user name as .NET's OrdinalIgnoreCase compares it: each UTF-16 unit upper-cased alone
 * (ß stays ß), so two names are the same user when their keys are equal.
 */
export function ordinalKey(name: string): string {
  return [...name].map((ch) => (ch.toUpperCase().length === 1 ? ch.toUpperCase() : ch)).join("");
}

/**
 * The users in these groups, nested members and those whose primary group one of them is
 * included (any depth, cycles end), as
 * `ordinalKey`s; undefined when the directory cannot tell: no domain answers, or a group is
 * not in it. A script of such a run logs off nobody.
 */
export function excludedGroupMembers(
  directory: Directory | undefined,
  groups: readonly string[],
): Set<string> | undefined {
  if (!directory?.reachable) return undefined;
  const byName = new Map(directory.groups.map((g) => [g.name.toLowerCase(), g]));
  const users = new Set<string>();
  for (const name of groups) {
    if (!byName.has(name.toLowerCase())) return undefined;
    const seen = new Set<string>();
    const pending = [name.toLowerCase()];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      const group = byName.get(next);
      for (const user of group?.primaryMembers ?? []) users.add(ordinalKey(user));
      for (const member of group?.members ?? []) {
        if (member.kind === "user") users.add(ordinalKey(member.name));
        else pending.push(member.name.toLowerCase());
      }
    }
  }
  return users;
}

/** How a script treats a server of its list (the scripts' Get-RdlHostKind / :rdl_host_kind). */
export type HostKind = "this" | "remote" | "unsure";

/**
 * Whether a server of the list is this host (listed as the local server, so the session the
 * script runs in stays marked), another host, or a name whose first label is this host's with
 * a domain that is not this host's DNS suffix (nobody there is logged off).
 */
export function hostKind(server: string, computerName: string, dnsDomain: string | null): HostKind {
  const name = server.toLowerCase();
  const computer = computerName.toLowerCase();
  if (name === "" || name === computer) return "this";
  if (name.split(".")[0] !== computer) return "remote";
  return dnsDomain !== null && name === `${computer}.${dnsDomain.toLowerCase()}`
    ? "this"
    : "unsure";
}

/** A plan's servers as its script lists them: this host as "" (once), and the unsure ones apart. */
export function listedServers(
  servers: readonly string[],
  computerName: string,
  dnsDomain: string | null,
): { listed: string[]; unsure: string[] } {
  const listed: string[] = [];
  const unsure: string[] = [];
  for (const server of servers) {
    const kind = hostKind(server, computerName, dnsDomain);
    if (kind === "unsure") unsure.push(server);
    else if (kind === "remote") listed.push(server);
    else if (!listed.includes("")) listed.push("");
  }
  return { listed, unsure };
}
