import type { LogoffPlan } from "../plan/plan.js";
import { selectionSummary } from "../plan/explain.js";
import { stateWords } from "../listing/stateWords.js";
import {
  batchCommentText,
  batchHostName,
  batchOemWord,
  batchPatternText,
  batchQuotedText,
} from "./batchEscape.js";

/** The lines of templates/batch/safe.hbs that depend on the options, every value escaped. */
export interface BatchSafeView {
  serverCalls: string[];
  stateTests: string[];
  filterLines: string[];
  skip: number;
  /** Row checks on query user's IDLE TIME (flags set by timedStores); empty: no time option. */
  timedLines: string[];
  timedStores: string[];
  /** Spaces appended to each listing line so no substring reaches past its end. */
  padding: string;
  dryRun: 0 | 1;
  includeCurrent: boolean;
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
  for (const entry of stateWords) {
    if (entry.state === "listen" || !plan.selection.locale.includes(entry.language)) continue;
    const bytes = batchOemWord(entry.oem, `the ${entry.language} word for ${entry.state}`);
    if (seen.has(bytes.toLowerCase())) continue;
    seen.add(bytes.toLowerCase());
    nonAscii ||= /[\x80-\xff]/.test(bytes);
    lines.push(`if /i "%RDL_SW%"=="${bytes}" set "RDL_ST=${entry.state}"`);
  }
  return { lines, nonAscii };
}

/** The `goto :eof` lines that drop a row the options exclude, in the order the README lists them. */
function filterLines(plan: LogoffPlan): string[] {
  const s = plan.selection;
  const lines: string[] = [];
  if (s.excludeConsole) lines.push('if /i "%RDL_NAMEK%"=="[console]" goto :eof');
  s.excludeUsers.forEach((user, i) => {
    lines.push(`if /i "%RDL_USER%"=="${batchQuotedText(user, `excludeUsers[${i}]`)}" goto :eof`);
  });
  if (s.onlyUsers.length > 0) {
    lines.push('set "RDL_HIT="');
    s.onlyUsers.forEach((user, i) => {
      lines.push(
        `if /i "%RDL_USER%"=="${batchQuotedText(user, `onlyUsers[${i}]`)}" set "RDL_HIT=1"`,
      );
    });
    lines.push("if not defined RDL_HIT goto :eof");
  }
  s.excludeSessions.forEach((pattern, i) => {
    const what = `excludeSessions[${i}]`;
    const starts = pattern.startsWith("*");
    const ends = pattern.endsWith("*") && pattern.length > 1;
    const core = batchPatternText(pattern.slice(starts ? 1 : 0, ends ? -1 : undefined), what);
    // RDL_NAMEK is [name]: defined even for a blank name, with its ends marked.
    if (starts && ends) lines.push(`if /i not "%RDL_NAMEK:${core}=%"=="%RDL_NAMEK%" goto :eof`);
    else if (starts) lines.push(`if /i "%RDL_NAMEK:~-${core.length + 1}%"=="${core}]" goto :eof`);
    else if (ends) lines.push(`if /i "%RDL_NAMEK:~0,${core.length + 1}%"=="[${core}" goto :eof`);
    else lines.push(`if /i "%RDL_NAMEK%"=="[${core}]" goto :eof`);
  });
  for (const id of s.excludeIds) lines.push(`if "%RDL_ID%"=="${id}" goto :eof`);
  if (s.states.length > 0) {
    lines.push('set "RDL_HIT="');
    for (const state of s.states) lines.push(`if "%RDL_ST%"=="${state}" set "RDL_HIT=1"`);
    lines.push("if not defined RDL_HIT goto :eof");
  }
  return lines;
}

/**
 * idleMinutes and disconnectedMinutes: the query user pass stores one flag per session
 * and threshold (RDL_IDLEOK_<server>_<id>), so rows never need to read a variable by a
 * computed name.
 */
function timedView(plan: LogoffPlan): { timedLines: string[]; timedStores: string[] } {
  const { idleMinutes, disconnectedMinutes } = plan.selection;
  const timedLines: string[] = [];
  const timedStores: string[] = [];
  if (idleMinutes !== undefined) {
    timedStores.push(`if %RDL_IDLE% GEQ ${idleMinutes} set "RDL_IDLEOK_%RDL_SRVNO%_%RDL_QID%=1"`);
    timedLines.push("if not defined RDL_IDLEOK_%RDL_SRVNO%_%RDL_ID% goto :eof");
  }
  if (disconnectedMinutes !== undefined) {
    timedStores.push(
      `if %RDL_IDLE% GEQ ${disconnectedMinutes} set "RDL_DISCOK_%RDL_SRVNO%_%RDL_QID%=1"`,
    );
    timedLines.push('if "%RDL_ST%"=="unknown" goto :eof');
    timedLines.push(
      'if "%RDL_ST%"=="disconnected" if not defined RDL_DISCOK_%RDL_SRVNO%_%RDL_ID% goto :eof',
    );
  }
  return { timedLines, timedStores };
}

export function batchSafeView(plan: LogoffPlan): BatchSafeView {
  const s = plan.selection;
  // State words are only needed to filter by state or to log it; without them the file stays ASCII.
  const needsStates =
    s.states.length > 0 || s.log !== undefined || s.disconnectedMinutes !== undefined;
  const states = needsStates ? stateTests(plan) : { lines: [], nonAscii: false };
  const servers = s.servers.length > 0 ? s.servers : [""];
  return {
    serverCalls: servers.map((server, i) =>
      server ? `call :rdl_server ${batchHostName(server, `servers[${i}]`)}` : "call :rdl_server",
    ),
    stateTests: states.lines,
    filterLines: filterLines(plan),
    skip: s.skip,
    ...timedView(plan),
    padding: " ".repeat(64),
    dryRun: s.dryRun ? 1 : 0,
    includeCurrent: s.includeCurrent,
    logPath: s.log === undefined ? undefined : batchQuotedText(s.log, "log"),
    warn: s.warn
      ? {
          message: batchQuotedText(s.warn.message, "warn.message"),
          waitSeconds: s.warn.waitSeconds,
        }
      : undefined,
    selectionSummary: batchCommentText(selectionSummary(plan.selection), "the selection summary"),
    nonAsciiNote: states.nonAscii
      ? "Non-ASCII bytes below are state words in the OEM code page of their language (850 French, 866 Russian); each matches on a console of that code page only."
      : undefined,
  };
}
