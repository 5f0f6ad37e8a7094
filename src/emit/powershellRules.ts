/**
 * The selection rules as PowerShell: each rule becomes one line of Test-RdlSession that
 * returns $false for a session the rule keeps. $Session has Name, User, Id, State, Current,
 * Idle (minutes; $null when query user did not list it) and DisconnectedFor (minutes since the
 * broker's DisconnectTime, or IDLE TIME on the query path; $null when not known); State is
 * 'unknown' when the state word is not one of the target's languages.
 */
import { firstListenerId, type SelectionRule } from "../plan/rules.js";
import { asciiStringExpression } from "./powershellEscape.js";

const list = (values: readonly string[], what: string): string =>
  `@(${values.map((v, i) => asciiStringExpression(v, `${what}[${i}]`)).join(", ")})`;

/** Text as a .NET regular expression that matches it literally. */
const regexLiteral = (text: string): string => text.replace(/[\\^$.|?*+()[\]{}#\s]/g, "\\$&");

/** Text upper-cased as .NET's ToUpperInvariant does: one UTF-16 unit at a time (ß stays ß). */
const upperInvariant = (text: string): string =>
  [...text].map((ch) => (ch.toUpperCase().length === 1 ? ch.toUpperCase() : ch)).join("");

/**
 * A case-sensitive regular expression matching a whole upper-cased name that is one of the
 * values (`*` matching any text when `wildcards`), for `.ToUpperInvariant() -cmatch`: names
 * are compared ordinally ignoring case, as the reference and the batch script do. -eq,
 * -contains and -like compare by culture and ignore characters such as the soft hyphen
 * (`b<U+00AD>ob` -eq 'bob' is true), and -match folds case by the current culture (under
 * tr-TR, `ADMINISTRATOR` -match 'Administrator' is false).
 */
function wholeNameRegex(
  values: readonly string[],
  what: string,
  wildcards: boolean,
  alsoCut = false,
): string {
  const alternatives = values
    .map(upperInvariant)
    .map((value) =>
      wildcards ? value.split("*").map(regexLiteral).join(".*") : regexLiteral(value),
    );
  // A name query cut ("corp-rdp-list...") could be one the patterns match.
  return asciiStringExpression(
    `^(?:${alternatives.join("|")})$${alsoCut ? "|\\.\\.\\.$" : ""}`,
    what,
  );
}

/** One rule as lines of Test-RdlSession. */
export function powerShellRule(rule: SelectionRule): string[] {
  switch (rule.kind) {
    case "hasUser":
      return ["if (-not $Session.User) { return $false }"];
    case "notListener":
      return [`if ($Session.Id -ge ${firstListenerId}) { return $false }`];
    case "notCurrent":
      return ["if ($Session.Current) { return $false }"];
    case "notConsole":
      return ["if ($Session.Name.ToUpperInvariant() -cmatch '^CONSOLE$') { return $false }"];
    case "userNotIn":
      return [
        `if ($Session.User.ToUpperInvariant() -cmatch ${wholeNameRegex(rule.users, "excludeUsers", false)}) { return $false }`,
      ];
    case "userNotLike":
      return [
        `if ($Session.User.ToUpperInvariant() -cmatch ${wholeNameRegex(rule.patterns, "excludeUsersMatching", true)}) { return $false }`,
      ];
    case "userIn":
      return [
        `if ($Session.User.ToUpperInvariant() -cnotmatch ${wholeNameRegex(rule.users, "onlyUsers", false)}) { return $false }`,
      ];
    case "userNotInGroups":
      // The members were read once, before any server was listed (Get-RdlGroupMembers);
      // compared ordinally ignoring case, as the other user rules are.
      return [
        "foreach ($member in $groupMembers) { if ([string]::Equals($member, $Session.User, 'OrdinalIgnoreCase')) { return $false } }",
      ];
    case "nameNotLike":
      return [
        `if ($Session.Name.ToUpperInvariant() -cmatch ${wholeNameRegex(rule.patterns, "excludeSessions", true, true)}) { return $false }`,
      ];
    case "idNotIn":
      return [`if (@(${rule.ids.join(", ")}) -contains $Session.Id) { return $false }`];
    case "stateIn":
      return [
        `if (-not (${list(rule.states, "states")} -contains $Session.State)) { return $false }`,
      ];
    case "idleAtLeast":
      return [
        `if ($null -eq $Session.Idle -or $Session.Idle -lt ${rule.minutes}) { return $false }`,
      ];
    case "disconnectedIdleAtLeast":
      return [
        "if ($Session.State -eq 'unknown') { return $false }",
        `if ($Session.State -eq 'disconnected' -and ($null -eq $Session.DisconnectedFor -or $Session.DisconnectedFor -lt ${rule.minutes})) { return $false }`,
      ];
  }
}

/** Every rule's lines, in rule order. */
export function powerShellRuleLines(
  rules: readonly SelectionRule[],
  renderRule: (rule: SelectionRule) => string[] = powerShellRule,
): string[] {
  return rules.flatMap((rule) => renderRule(rule));
}
