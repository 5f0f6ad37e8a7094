import { dryRunBanner } from "./header.js";
import { listFailureReasons, type ListFailure } from "../listing/listFailures.js";
import {
  listingLineLimit,
  querySessionHeaderPrefixes,
  querySessionOffsets,
  queryUserOffsets,
} from "./layouts.js";
import type { QuerySessionLayout } from "../listing/types.js";
import { selectionSummary } from "../plan/explain.js";
import type { LogoffPlan } from "../plan/plan.js";
import { ruleOf, type SelectionRule } from "../plan/rules.js";
import {
  asciiStringExpression,
  powershellCommentText,
  powershellString,
} from "./powershellEscape.js";
import { powerShellRule, powerShellRuleLines } from "./powershellRules.js";

/** The option-dependent parts of templates/powershell/safe.hbs, every value escaped. */
export interface PowerShellSafeView {
  /** Column offsets of the two `query session` layouts and of `query user`. */
  layouts: typeof querySessionOffsets;
  userLayout: typeof queryUserOffsets;
  /** The length from which a listing line is too long to be query's. */
  lineLimit: number;
  selectionSummary: string;
  source: string;
  sourceLiteral: string;
  sourceNote: string;
  /** The line a dry-run build prints first and states in its header. */
  dryRunBanner: string;
  /** Why a server's sessions could not be listed, by reason (listFailures.ts). */
  listFailures: Readonly<Record<ListFailure, string>>;
  dryRun: boolean;
  /** Test-RdlSession's body: the selection rules as code. */
  ruleLines: string[];
  servers: string;
  /** `$true` when the script reads `query user` for IDLE TIME. */
  queryUser: string;
  logPath: string;
  /** `$true` when the log is CSV (a header row, quoted fields) rather than text lines. */
  logCsv: string;
  /** `$true` when the script writes one Application log event per run. */
  eventLog: string;
  /** The target's name as a literal, for the event's description. */
  targetName: string;
  warn: boolean;
  warnMessage: string;
  warnSeconds: number;
  skip: number;
  stateWords: string[];
  /** Per layout, the header texts before `ID` a known language prints, as a PowerShell list. */
  headerPrefixes: Record<QuerySessionLayout, string>;
  brokerArguments: string;
  /** excludeGroups as a PowerShell list; "" when the target names no group. */
  excludeGroups: string;
}

const bool = (value: boolean): string => (value ? "$true" : "$false");
const strings = (values: readonly string[], what: string): string =>
  values.map((v, i) => asciiStringExpression(v, `${what}[${i}]`)).join(", ");

function stateWordLines(plan: LogoffPlan): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const entry of plan.stateWords) {
    if (seen.has(entry.word.toLowerCase())) continue;
    seen.add(entry.word.toLowerCase());
    const key = asciiStringExpression(entry.word, `the ${entry.language} word for ${entry.state}`);
    lines.push(`$stateWords[${key}] = '${entry.state}'`);
  }
  return lines;
}

function headerPrefixList(layout: QuerySessionLayout): string {
  const prefixes = querySessionHeaderPrefixes[layout];
  return prefixes.map((prefix, i) => asciiStringExpression(prefix, `header ${i}`)).join(", ");
}

const sourceNotes = {
  auto: "Get-RDUserSession on the RD Connection Broker when the RemoteDesktop module and a deployment answer, otherwise query session on each server.",
  broker: "Get-RDUserSession on the RD Connection Broker; exit 2 when it does not answer.",
  query: "query session on each server (no RemoteDesktop module needed).",
};

export function powerShellSafeView(
  plan: LogoffPlan,
  renderRule: (rule: SelectionRule) => string[] = powerShellRule,
): PowerShellSafeView {
  const s = plan.run;
  const brokerArguments = [
    s.connectionBroker
      ? ` -ConnectionBroker ${powershellString(s.connectionBroker, "connectionBroker")}`
      : "",
    s.collectionName
      ? ` -CollectionName ${asciiStringExpression(s.collectionName, "collectionName")}`
      : "",
  ].join("");
  return {
    layouts: querySessionOffsets,
    userLayout: queryUserOffsets,
    lineLimit: listingLineLimit,
    selectionSummary: powershellCommentText(selectionSummary(plan), "the selection summary"),
    source: s.source,
    sourceLiteral: powershellString(s.source, "source"),
    sourceNote: sourceNotes[s.source],
    dryRun: s.dryRun,
    dryRunBanner,
    listFailures: listFailureReasons,
    ruleLines: powerShellRuleLines(plan.rules, renderRule),
    servers: s.servers.length > 0 ? strings(s.servers, "servers") : "''",
    queryUser: bool(plan.needs.queryUser),
    logPath: s.log === undefined ? "$null" : asciiStringExpression(s.log, "log"),
    logCsv: bool(s.logFormat === "csv"),
    eventLog: bool(s.eventLog),
    targetName: asciiStringExpression(plan.target, "name"),
    warn: s.warn !== undefined,
    warnMessage: s.warn ? asciiStringExpression(s.warn.message, "warn.message") : "$null",
    warnSeconds: s.warn?.waitSeconds ?? 0,
    skip: s.skip,
    stateWords: stateWordLines(plan),
    headerPrefixes: {
      narrow: headerPrefixList("narrow"),
      wide: headerPrefixList("wide"),
    },
    brokerArguments,
    excludeGroups: strings(ruleOf(plan.rules, "userNotInGroups")?.groups ?? [], "excludeGroups"),
  };
}
