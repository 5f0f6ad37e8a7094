import type { LogoffPlan } from "../plan/plan.js";
import { stateWords } from "../listing/stateWords.js";
import { powershellCommentText, powershellString } from "./powershellEscape.js";

/** The option-dependent parts of templates/powershell/safe.hbs, every value escaped. */
export interface PowerShellSafeView {
  selectionSummary: string;
  source: string;
  sourceLiteral: string;
  sourceNote: string;
  dryRun: boolean;
  excludeConsole: string;
  includeCurrent: string;
  states: string;
  excludeUsers: string;
  onlyUsers: string;
  excludeSessions: string;
  excludeIds: string;
  servers: string;
  idleMinutes: string;
  disconnectedMinutes: string;
  logPath: string;
  warn: boolean;
  warnMessage: string;
  warnSeconds: number;
  skip: number;
  stateWords: string[];
  brokerArguments: string;
}

const bool = (value: boolean): string => (value ? "$true" : "$false");
const strings = (values: readonly string[], what: string): string =>
  values.map((v, i) => asciiStringExpression(v, `${what}[${i}]`)).join(", ");
const optionalInt = (value: number | undefined): string =>
  value === undefined ? "$null" : String(value);

/**
 * A word as a PowerShell expression that is pure ASCII: a quoted literal, or a
 * concatenation with [char] for each non-ASCII letter (`'D' + [char]0x00E9 + 'co'`).
 */
export function asciiStringExpression(word: string, what: string): string {
  const parts: string[] = [];
  let literal = "";
  for (const ch of word) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      literal += ch;
      continue;
    }
    if (literal) parts.push(powershellString(literal, what));
    literal = "";
    parts.push(`[char]0x${code.toString(16).toUpperCase().padStart(4, "0")}`);
  }
  if (literal || parts.length === 0) parts.push(powershellString(literal, what));
  if (parts.length === 1) return parts[0] ?? "''";
  // Start from a string, so + concatenates whatever PowerShell makes of [char] + [char].
  if (parts[0]?.startsWith("[char]")) parts.unshift("''");
  return `(${parts.join(" + ")})`;
}

function stateWordLines(plan: LogoffPlan): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const entry of stateWords) {
    if (entry.state === "listen" || !plan.selection.locale.includes(entry.language)) continue;
    if (seen.has(entry.word.toLowerCase())) continue;
    seen.add(entry.word.toLowerCase());
    const key = asciiStringExpression(entry.word, `the ${entry.language} word for ${entry.state}`);
    lines.push(`$stateWords[${key}] = '${entry.state}'`);
  }
  return lines;
}

const sourceNotes = {
  auto: "Get-RDUserSession on the RD Connection Broker when the RemoteDesktop module and a deployment answer, otherwise query session on each server.",
  broker: "Get-RDUserSession on the RD Connection Broker; exit 2 when it does not answer.",
  query: "query session on each server (no RemoteDesktop module needed).",
};

export function powerShellSafeView(plan: LogoffPlan, selectionSummary: string): PowerShellSafeView {
  const s = plan.selection;
  const brokerArguments = [
    s.connectionBroker
      ? ` -ConnectionBroker ${powershellString(s.connectionBroker, "connectionBroker")}`
      : "",
    s.collectionName
      ? ` -CollectionName ${asciiStringExpression(s.collectionName, "collectionName")}`
      : "",
  ].join("");
  return {
    selectionSummary: powershellCommentText(selectionSummary, "the selection summary"),
    source: s.source,
    sourceLiteral: powershellString(s.source, "source"),
    sourceNote: sourceNotes[s.source],
    dryRun: s.dryRun,
    excludeConsole: bool(s.excludeConsole),
    includeCurrent: bool(s.includeCurrent),
    states: strings(s.states, "states"),
    excludeUsers: strings(s.excludeUsers, "excludeUsers"),
    onlyUsers: strings(s.onlyUsers, "onlyUsers"),
    excludeSessions: strings(s.excludeSessions, "excludeSessions"),
    excludeIds: s.excludeIds.join(", "),
    servers: s.servers.length > 0 ? strings(s.servers, "servers") : "''",
    idleMinutes: optionalInt(s.idleMinutes),
    disconnectedMinutes: optionalInt(s.disconnectedMinutes),
    logPath: s.log === undefined ? "$null" : asciiStringExpression(s.log, "log"),
    warn: s.warn !== undefined,
    warnMessage: s.warn ? asciiStringExpression(s.warn.message, "warn.message") : "$null",
    warnSeconds: s.warn?.waitSeconds ?? 0,
    skip: s.skip,
    stateWords: stateWordLines(plan),
    brokerArguments,
  };
}
