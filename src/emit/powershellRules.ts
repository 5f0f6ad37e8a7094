/**
 * The selection rules as PowerShell: each rule becomes one line of Test-RdlSession that
 * returns $false for a session the rule keeps. $Session has Name, User, Id, State, Current
 * and Idle (minutes; $null when query user did not list it); State is 'unknown' when the
 * state word is not one of the target's languages.
 */
import { firstListenerId, type SelectionRule } from "../plan/rules.js";
import { asciiStringExpression } from "./powershellEscape.js";

const list = (values: readonly string[], what: string): string =>
  `@(${values.map((v, i) => asciiStringExpression(v, `${what}[${i}]`)).join(", ")})`;

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
      return ["if ($Session.Name -eq 'console') { return $false }"];
    case "userNotIn":
      return [`if (${list(rule.users, "excludeUsers")} -contains $Session.User) { return $false }`];
    case "userNotLike":
      return [
        `foreach ($pattern in ${list(rule.patterns, "excludeUsersMatching")}) {`,
        "    if ($Session.User -like $pattern) { return $false }",
        "}",
      ];
    case "userIn":
      return [
        `if (-not (${list(rule.users, "onlyUsers")} -contains $Session.User)) { return $false }`,
      ];
    case "nameNotLike":
      return [
        `foreach ($pattern in ${list(rule.patterns, "excludeSessions")}) {`,
        "    if ($Session.Name -like $pattern) { return $false }",
        "}",
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
        `if ($Session.State -eq 'disconnected' -and ($null -eq $Session.Idle -or $Session.Idle -lt ${rule.minutes})) { return $false }`,
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
