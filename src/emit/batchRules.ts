/**
 * The selection rules as batch code: each rule becomes `goto :eof` lines that drop a listing
 * row it keeps, placed where the row's field the rule reads has been parsed (a listener's
 * row is dropped on its id, before its admin-chosen name is ever parsed).
 */
import { firstListenerId, ruleOf, type SelectionRule } from "../plan/rules.js";
import { batchPatternText, batchQuotedText } from "./batchEscape.js";

/** Rule lines by the point of the row routine they run at. */
export interface BatchRuleLines {
  /** After RDL_ID holds the row's decimal id. */
  afterId: string[];
  /** After RDL_USER holds the row's user name. */
  afterUser: string[];
  /** After RDL_NAMEK ([name]) and RDL_ST (the canonical state) are set. */
  afterState: string[];
}

/** Where a rule's lines go, and the lines. */
export interface BatchRuleCode {
  at: keyof BatchRuleLines;
  lines: string[];
}

/** One rule as batch code. */
export function batchRule(rule: SelectionRule): BatchRuleCode {
  switch (rule.kind) {
    case "hasUser":
      return { at: "afterUser", lines: ["if not defined RDL_USER goto :eof"] };
    case "notListener":
      return { at: "afterId", lines: [`if %RDL_ID% GEQ ${firstListenerId} goto :eof`] };
    case "notCurrent":
      return { at: "afterId", lines: ['if "%RDL_PADDED:~0,1%"==">" goto :eof'] };
    case "notConsole":
      return { at: "afterState", lines: ['if /i "%RDL_NAMEK%"=="[console]" goto :eof'] };
    case "userNotIn":
      return {
        at: "afterUser",
        lines: rule.users.map((user, i) => `${sameUser(user, `excludeUsers[${i}]`)} goto :eof`),
      };
    case "userNotLike":
      return {
        at: "afterUser",
        lines: [
          'set "RDL_USERK=[%RDL_USER%]"',
          ...rule.patterns.map((pattern, i) =>
            patternLine("RDL_USERK", pattern, `excludeUsersMatching[${i}]`),
          ),
        ],
      };
    case "userIn":
      return {
        at: "afterUser",
        lines: [
          'set "RDL_HIT="',
          ...rule.users.map((user, i) => `${sameUser(user, `onlyUsers[${i}]`)} set "RDL_HIT=1"`),
          "if not defined RDL_HIT goto :eof",
        ],
      };
    case "userNotInGroups":
      // The options refuse excludeGroups for a .bat (src/targets/formats.ts): net group
      // cannot show nested members.
      throw new Error("excludeGroups reached the batch back end, which the options refuse");
    case "nameNotLike":
      return {
        at: "afterState",
        lines: [
          // A name query cut ("corp-rdp-list...") could be one an exclusion matches: kept.
          'if "%RDL_NAMEK:~-4%"=="...]" goto :eof',
          ...rule.patterns.map((pattern, i) =>
            patternLine("RDL_NAMEK", pattern, `excludeSessions[${i}]`),
          ),
        ],
      };
    case "idNotIn":
      return { at: "afterId", lines: rule.ids.map((id) => `if "%RDL_ID%"=="${id}" goto :eof`) };
    case "stateIn":
      return {
        at: "afterState",
        lines: [
          'set "RDL_HIT="',
          ...rule.states.map((state) => `if "%RDL_ST%"=="${state}" set "RDL_HIT=1"`),
          "if not defined RDL_HIT goto :eof",
        ],
      };
    case "idleAtLeast":
      return {
        at: "afterState",
        lines: ["if not defined RDL_IDLEOK_%RDL_LISTNO%_%RDL_ID% goto :eof"],
      };
    case "disconnectedIdleAtLeast":
      return {
        at: "afterState",
        lines: [
          'if "%RDL_ST%"=="unknown" goto :eof',
          'if "%RDL_ST%"=="disconnected" if not defined RDL_DISCOK_%RDL_LISTNO%_%RDL_ID% goto :eof',
        ],
      };
  }
}

/**
 * An `if` chain true when RDL_USER is the user, ignoring case. `if /i` may compare by the
 * locale's collation (lstrcmpi), which ignores characters such as the soft hyphen
 * (b<U+00AD>ob would be bob, as it is for PowerShell's -eq), so the length must match too.
 */
function sameUser(user: string, what: string): string {
  const value = batchQuotedText(user, what);
  return `if /i "%RDL_USER%"=="${value}" if not "%RDL_USER:~${value.length - 1},1%"=="" if "%RDL_USER:~${value.length}%"==""`;
}

/**
 * A `*` pattern against a variable holding `[value]` (defined even for a blank value, its
 * ends marked): the row is dropped when the pattern matches.
 */
function patternLine(variable: string, pattern: string, what: string): string {
  const starts = pattern.startsWith("*");
  const ends = pattern.endsWith("*") && pattern.length > 1;
  const core = batchPatternText(pattern.slice(starts ? 1 : 0, ends ? -1 : undefined), what);
  if (starts && ends) return `if /i not "%${variable}:${core}=%"=="%${variable}%" goto :eof`;
  if (starts) return `if /i "%${variable}:~-${core.length + 1}%"=="${core}]" goto :eof`;
  if (ends) return `if /i "%${variable}:~0,${core.length + 1}%"=="[${core}" goto :eof`;
  return `if /i "%${variable}%"=="[${core}]" goto :eof`;
}

/** Every rule's lines, by where they run, in rule order within each point. */
export function batchRuleLines(
  rules: readonly SelectionRule[],
  renderRule: (rule: SelectionRule) => BatchRuleCode = batchRule,
): BatchRuleLines {
  const lines: BatchRuleLines = { afterId: [], afterUser: [], afterState: [] };
  for (const rule of rules) {
    const code = renderRule(rule);
    lines[code.at].push(...code.lines);
  }
  return lines;
}

/**
 * The `query user` pass of the time rules: one flag per listing, session and threshold
 * (RDL_IDLEOK_<listno>_<id>), so a row never reads a variable by a computed name, and the
 * re-check after a warning reads the idle times again: a user back at the keyboard is kept.
 */
export function batchIdleStores(rules: readonly SelectionRule[]): string[] {
  const stores: string[] = [];
  const idle = ruleOf(rules, "idleAtLeast");
  if (idle) {
    stores.push(`if %RDL_IDLE% GEQ ${idle.minutes} set "RDL_IDLEOK_%RDL_LISTNO%_%RDL_QID%=1"`);
  }
  const disconnected = ruleOf(rules, "disconnectedIdleAtLeast");
  if (disconnected) {
    stores.push(
      `if %RDL_IDLE% GEQ ${disconnected.minutes} set "RDL_DISCOK_%RDL_LISTNO%_%RDL_QID%=1"`,
    );
  }
  return stores;
}
