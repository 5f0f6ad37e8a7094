import { querySessionOffsets, queryUserOffsets } from "./layouts.js";
import type { LogoffPlan } from "../plan/plan.js";
import { selectionSummary } from "../plan/explain.js";
import type { SelectionRule } from "../plan/rules.js";
import { batchCommentText, batchHostName, batchOemWord, batchQuotedText } from "./batchEscape.js";
import {
  batchIdleStores,
  batchRule,
  batchRuleLines,
  type BatchRuleCode,
  type BatchRuleLines,
} from "./batchRules.js";

/** The lines of templates/batch/safe.hbs that depend on the options, every value escaped. */
export interface BatchSafeView {
  /** Column offsets of the two `query session` layouts and of `query user`. */
  layouts: typeof querySessionOffsets;
  userLayout: typeof queryUserOffsets;
  serverCalls: string[];
  stateTests: string[];
  /** The selection rules as code, by where in the row routine they run. */
  rules: BatchRuleLines;
  skip: number;
  /** Whether the script reads `query user` (for IDLE TIME), and the flags it stores. */
  queryUser: boolean;
  idleStores: string[];
  /** Spaces appended to each listing line so no substring reaches past its end. */
  padding: string;
  dryRun: 0 | 1;
  /** Not `log`: that name is a Handlebars built-in helper and would render nothing. */
  logPath: string | undefined;
  warn: { message: string; waitSeconds: number } | undefined;
  selectionSummary: string;
  nonAsciiNote: string | undefined;
}

/**
 * `if` lines that set RDL_ST to the canonical state of the row's state word RDL_SW, for the
 * target's languages, each word in the bytes its console prints (listen words are left out:
 * a listener has no user and is never a target).
 */
function stateTests(plan: LogoffPlan): { lines: string[]; nonAscii: boolean } {
  const seen = new Set<string>();
  const lines: string[] = [];
  let nonAscii = false;
  for (const entry of plan.stateWords) {
    const bytes = batchOemWord(entry.oem, `the ${entry.language} word for ${entry.state}`);
    if (seen.has(bytes.toLowerCase())) continue;
    seen.add(bytes.toLowerCase());
    nonAscii ||= /[\x80-\xff]/.test(bytes);
    lines.push(`if /i "%RDL_SW%"=="${bytes}" set "RDL_ST=${entry.state}"`);
  }
  return { lines, nonAscii };
}

export function batchSafeView(
  plan: LogoffPlan,
  renderRule: (rule: SelectionRule) => BatchRuleCode = batchRule,
): BatchSafeView {
  const s = plan.run;
  // State words are only needed to filter by state or to log it; without them the file stays ASCII.
  const states = plan.needs.stateWords ? stateTests(plan) : { lines: [], nonAscii: false };
  const servers = s.servers.length > 0 ? s.servers : [""];
  return {
    layouts: querySessionOffsets,
    userLayout: queryUserOffsets,
    serverCalls: servers.map((server, i) =>
      server ? `call :rdl_server ${batchHostName(server, `servers[${i}]`)}` : "call :rdl_server",
    ),
    stateTests: states.lines,
    rules: batchRuleLines(plan.rules, renderRule),
    skip: s.skip,
    queryUser: plan.needs.queryUser,
    idleStores: batchIdleStores(plan.rules),
    padding: " ".repeat(64),
    dryRun: s.dryRun ? 1 : 0,
    logPath: s.log === undefined ? undefined : batchQuotedText(s.log, "log"),
    warn: s.warn
      ? {
          message: batchQuotedText(s.warn.message, "warn.message"),
          waitSeconds: s.warn.waitSeconds,
        }
      : undefined,
    selectionSummary: batchCommentText(selectionSummary(plan), "the selection summary"),
    nonAsciiNote: states.nonAscii
      ? "Non-ASCII bytes below are state words in the OEM code page of their language (850 French, 866 Russian); each matches on a console of that code page only."
      : undefined,
  };
}
