import { dryRunBanner } from "./header.js";
import { listFailureReasons, type ListFailure } from "../listing/listFailures.js";
import {
  listingLineLimit,
  querySessionHeaderPrefixes,
  querySessionOffsets,
  queryUserOffsets,
} from "./layouts.js";
import type { QuerySessionLayout } from "../listing/types.js";
import type { LogoffPlan } from "../plan/plan.js";
import { selectionSummary } from "../plan/explain.js";
import type { SelectionRule } from "../plan/rules.js";
import {
  batchCommentText,
  batchHostName,
  batchOemWord,
  batchQuotedArgument,
  batchQuotedText,
} from "./batchEscape.js";
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
  /** `if` lines that set RDL_TITLES to the layout whose header titles of a known language the line shows. */
  headerTests: string[];
  /** The selection rules as code, by where in the row routine they run. */
  rules: BatchRuleLines;
  skip: number;
  /** Whether the script reads `query user` (for IDLE TIME), and the flags it stores. */
  queryUser: boolean;
  idleStores: string[];
  /** The offset whose character makes a listing line too long to be query's (listingLineLimit). */
  tooLongAt: number;
  /** A second padding, of dots, for measuring a line against tooLongAt. */
  dots: string;
  /** The row count from which a listing is not understood (RDL_PICKED must stay within a line). */
  maxRows: number;
  /** Spaces appended to each listing line so no substring reaches past its end. */
  padding: string;
  /** The line a dry-run build prints first and states in its header. */
  dryRunBanner: string;
  /** Why a server's sessions could not be listed, by reason (listFailures.ts). */
  listFailures: Readonly<Record<ListFailure, string>>;
  dryRun: 0 | 1;
  /** Not `log`: that name is a Handlebars built-in helper and would render nothing. */
  logPath: string | undefined;
  /** Whether the log is CSV (a header row, quoted fields) rather than text lines. */
  logCsv: boolean;
  /** Whether the script writes one Application log event per run, and the target it names. */
  eventLog: boolean;
  targetName: string;
  warn: { message: string; waitSeconds: number } | undefined;
  /** Wrapped: hundreds of excluded users would make one line longer than cmd.exe reads. */
  selectionSummary: string[];
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

/**
 * One `if` chain per known language and layout comparing the header's text before `ID` with
 * the titles on the grid. Only its ASCII runs are compared, so the file stays ASCII: a
 * non-ASCII letter (the Ó of SESIÓN, every Cyrillic letter) is one console cell left unread,
 * and a Russian header is known by its title widths and spaces.
 */
function headerTests(): string[] {
  return (["narrow", "wide"] as const satisfies readonly QuerySessionLayout[]).flatMap((layout) =>
    querySessionHeaderPrefixes[layout].map((prefix) => {
      const tests = [...prefix.matchAll(/[\x20-\x7e]+/g)].map(
        (run) =>
          `if "%RDL_PADDED:~${run.index},${run[0].length}%"=="${batchOemWord(run[0], "a header title")}"`,
      );
      return `${tests.join(" ")} set "RDL_TITLES=${layout}"`;
    }),
  );
}

/**
 * Rows from which the batch file does not understand a listing: the picked ids (up to seven
 * characters each) would pass the 8,191 characters of a line; no RD Session Host holds so many.
 */
export const batchMaxRows = 1000;

/** How wide the summary's comment lines are. */
const commentWidth = 96;

/** Text as lines of at most `width` characters, broken at spaces (a longer word stays whole). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
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
    headerTests: headerTests(),
    rules: batchRuleLines(plan.rules, renderRule),
    skip: s.skip,
    queryUser: plan.needs.queryUser,
    idleStores: batchIdleStores(plan.rules),
    tooLongAt: listingLineLimit - 1,
    dots: ".".repeat(listingLineLimit + 1),
    maxRows: batchMaxRows,
    padding: " ".repeat(listingLineLimit + 1),
    dryRun: s.dryRun ? 1 : 0,
    dryRunBanner,
    listFailures: listFailureReasons,
    logPath: s.log === undefined ? undefined : batchQuotedText(s.log, "log"),
    logCsv: s.logFormat === "csv",
    eventLog: s.eventLog,
    targetName: batchQuotedText(plan.target, "name"),
    warn: s.warn
      ? {
          message: batchQuotedArgument(s.warn.message, "warn.message"),
          waitSeconds: s.warn.waitSeconds,
        }
      : undefined,
    selectionSummary: wrapWords(selectionSummary(plan), commentWidth).map((line) =>
      batchCommentText(line, "the selection summary"),
    ),
    nonAsciiNote: states.nonAscii
      ? "Non-ASCII bytes below are state words in the OEM code page of their language (850 French, 866 Russian); each matches on a console of that code page only."
      : undefined,
  };
}
