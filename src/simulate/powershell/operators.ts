import { PowerShellError } from "./errors.js";
import {
  PsDateTime,
  PsObject,
  PsTimeSpan,
  formatOperator,
  enumerate,
  toBool,
  toNumber,
  toStr,
  typeNameOf,
  type PsValue,
} from "./values.js";

/**
 * PowerShell's binary operators. Comparisons take the left operand's type, are
 * case-insensitive unless spelled with a `c` prefix (`-ceq`), and filter when the left
 * operand is an array (`@(1,2,3) -gt 1` is `@(2,3)`).
 */

/** The operators the simulator models, by their case-insensitive base name. */
const comparisonOperators = new Set([
  "eq",
  "ne",
  "gt",
  "ge",
  "lt",
  "le",
  "like",
  "notlike",
  "match",
  "notmatch",
  "in",
  "notin",
  "contains",
  "notcontains",
  "replace",
  "split",
  "join",
]);

/** Splits `-ieq` / `-ceq` / `-eq` into its base name and case sensitivity; undefined if unknown. */
export function parseComparisonOperator(
  text: string,
): { name: string; caseSensitive: boolean } | undefined {
  const lower = text.toLowerCase().replace(/^-/, "");
  if (comparisonOperators.has(lower)) return { name: lower, caseSensitive: false };
  const prefix = lower[0];
  const rest = lower.slice(1);
  if ((prefix === "c" || prefix === "i") && comparisonOperators.has(rest) && rest !== "join") {
    return { name: rest, caseSensitive: prefix === "c" };
  }
  return undefined;
}

/** Translates a .NET regular expression into a JS one for the constructs scripts use. */
export function toRegExp(pattern: string, caseSensitive: boolean, global = false): RegExp {
  const source = pattern.replace(/\\A/g, "^").replace(/\\[zZ]/g, "$");
  try {
    return new RegExp(source, (caseSensitive ? "" : "i") + (global ? "g" : ""));
  } catch {
    throw new PowerShellError(`The regular expression pattern ${pattern} is not valid.`);
  }
}

/** A `-like` wildcard pattern (`*`, `?`, `[a-z]`, backtick escapes) as an anchored regex. */
export function wildcardToRegExp(pattern: string, caseSensitive: boolean): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? "";
    if (ch === "`" && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i] ?? "");
    } else if (ch === "*") {
      source += "[\\s\\S]*";
    } else if (ch === "?") {
      source += "[\\s\\S]";
    } else if (ch === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) {
        throw new PowerShellError(
          `The specified wildcard character pattern is not valid: ${pattern}`,
        );
      }
      source += `[${pattern.slice(i + 1, end).replace(/[\\^\]]/g, "\\$&")}]`;
      i = end;
    } else {
      source += escapeRegExp(ch);
    }
  }
  return new RegExp(`^${source}$`, caseSensitive ? "" : "i");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Equality with the left operand's type deciding the conversion (`1 -eq '01'` is true). */
export function valuesEqual(left: PsValue, right: PsValue, caseSensitive: boolean): boolean {
  if (left === null) return right === null;
  if (right === null) return false;
  if (typeof left === "string") {
    const r = toStr(right);
    return caseSensitive ? left === r : left.toLowerCase() === r.toLowerCase();
  }
  if (typeof left === "number") {
    if (typeof right === "number") return left === right;
    try {
      return left === toNumber(right);
    } catch {
      return false;
    }
  }
  if (typeof left === "boolean") return left === toBool(right);
  if (left instanceof PsTimeSpan) {
    return right instanceof PsTimeSpan && left.milliseconds === right.milliseconds;
  }
  if (left instanceof PsDateTime) {
    return right instanceof PsDateTime && left.epochMilliseconds === right.epochMilliseconds;
  }
  return left === right;
}

/** Ordering for -gt/-ge/-lt/-le: negative, zero or positive. */
function compareValues(left: PsValue, right: PsValue, caseSensitive: boolean): number {
  if (typeof left === "string") {
    const l = caseSensitive ? left : left.toLowerCase();
    const r = caseSensitive ? toStr(right) : toStr(right).toLowerCase();
    return l < r ? -1 : l > r ? 1 : 0;
  }
  if (left === null) return right === null ? 0 : -1;
  if (typeof left === "number" || typeof left === "boolean") {
    if (right === null) return 1;
    return Math.sign(toNumber(left) - toNumber(right));
  }
  if (left instanceof PsTimeSpan && right instanceof PsTimeSpan) {
    return Math.sign(left.milliseconds - right.milliseconds);
  }
  if (left instanceof PsDateTime && right instanceof PsDateTime) {
    return Math.sign(left.epochMilliseconds - right.epochMilliseconds);
  }
  throw new PowerShellError(
    `Cannot compare "${toStr(left)}" because it is not IComparable.`,
    "System.Management.Automation.RuntimeException",
  );
}

/** Sort-Object's order: $null first, then by the left value's type. */
export function sortCompare(left: PsValue, right: PsValue): number {
  if (left === null || right === null) return left === right ? 0 : left === null ? -1 : 1;
  return compareValues(left, right, false);
}

/** What `-match` leaves in `$Matches`: group 0, numbered and named groups. */
function matchesTable(match: RegExpExecArray): PsObject {
  const table = new PsObject("hashtable", "System.Collections.Hashtable");
  const named = new Set(Object.values(match.groups ?? {}));
  match.forEach((group, index) => {
    if (group !== undefined && (index === 0 || !named.has(group))) table.set(String(index), group);
  });
  for (const [name, group] of Object.entries(match.groups ?? {})) {
    if (group !== undefined) table.set(name, group);
  }
  return table;
}

function scalarComparison(
  name: string,
  left: PsValue,
  right: PsValue,
  caseSensitive: boolean,
  setMatches: (table: PsObject) => void,
): PsValue {
  switch (name) {
    case "eq":
      return valuesEqual(left, right, caseSensitive);
    case "ne":
      return !valuesEqual(left, right, caseSensitive);
    case "gt":
      return compareValues(left, right, caseSensitive) > 0;
    case "ge":
      return compareValues(left, right, caseSensitive) >= 0;
    case "lt":
      return compareValues(left, right, caseSensitive) < 0;
    case "le":
      return compareValues(left, right, caseSensitive) <= 0;
    case "like":
      return wildcardToRegExp(toStr(right), caseSensitive).test(toStr(left));
    case "notlike":
      return !wildcardToRegExp(toStr(right), caseSensitive).test(toStr(left));
    case "match":
    case "notmatch": {
      const match = toRegExp(toStr(right), caseSensitive).exec(toStr(left));
      if (match) setMatches(matchesTable(match));
      return name === "match" ? match !== null : match === null;
    }
    default:
      throw new Error(`not a scalar comparison: ${name}`);
  }
}

/** `-split` with an optional maximum count (`'a,b,c' -split ',', 2`). */
function splitString(text: string, pattern: string, max: number, caseSensitive: boolean): string[] {
  const regex = toRegExp(pattern, caseSensitive, true);
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(regex)) {
    if (max > 0 && parts.length === max - 1) break;
    if (match[0] === "" && (match.index === 0 || match.index === text.length)) continue;
    parts.push(text.slice(last, match.index));
    parts.push(...match.slice(1).filter((group): group is string => group !== undefined));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/** `-replace` with .NET substitutions: `$0`, `$1`, `${name}`, `$$`. */
function replaceString(
  text: string,
  pattern: string,
  replacement: string,
  caseSensitive: boolean,
): string {
  const jsReplacement = replacement.replace(/\$(\$|0|\{0\})/g, (whole, what: string) =>
    what === "$" ? "$$" : "$&",
  );
  return text.replace(
    toRegExp(pattern, caseSensitive, true),
    jsReplacement.replace(/\$\{(\w+)\}/g, "$<$1>"),
  );
}

/**
 * Applies a comparison-family operator (`-eq` ... `-join`). `setMatches` receives `$Matches`
 * after a successful scalar `-match`.
 */
export function applyComparison(
  operator: string,
  left: PsValue,
  right: PsValue,
  setMatches: (table: PsObject) => void,
): PsValue {
  const parsed = parseComparisonOperator(operator);
  if (!parsed) throw new Error(`unknown operator ${operator}`);
  const { name, caseSensitive } = parsed;
  switch (name) {
    case "in":
    case "notin":
    case "contains":
    case "notcontains": {
      const [collection, item] = name.endsWith("in") ? [right, left] : [left, right];
      const found = enumerate(collection).some((element) =>
        valuesEqual(element, item, caseSensitive),
      );
      return name.startsWith("not") ? !found : found;
    }
    case "join":
      return enumerate(left).map(toStr).join(toStr(right));
    case "split": {
      const [pattern, max] = Array.isArray(right)
        ? [right[0] ?? null, right[1] ?? null]
        : [right, null];
      return enumerate(left).flatMap((item) =>
        splitString(toStr(item), toStr(pattern), max === null ? 0 : toNumber(max), caseSensitive),
      );
    }
    case "replace": {
      const [pattern, replacement] = Array.isArray(right)
        ? [right[0] ?? null, right[1] ?? null]
        : [right, null];
      const replaceOne = (item: PsValue): string =>
        replaceString(toStr(item), toStr(pattern), toStr(replacement), caseSensitive);
      return Array.isArray(left) ? left.map(replaceOne) : replaceOne(left);
    }
    default:
      if (Array.isArray(left)) {
        return left.filter((item) =>
          toBool(scalarComparison(name, item, right, caseSensitive, () => undefined)),
        );
      }
      return scalarComparison(name, left, right, caseSensitive, setMatches);
  }
}

/** Unary `-split`: split on whitespace, dropping empty pieces. */
export function unarySplit(value: PsValue): string[] {
  return enumerate(value).flatMap((item) =>
    toStr(item)
      .trim()
      .split(/\s+/)
      .filter((piece) => piece !== ""),
  );
}

function cannotApply(operator: string, left: PsValue): PowerShellError {
  return new PowerShellError(
    `Method invocation failed because [${typeNameOf(left)}] does not contain a method named 'op_${operator}'.`,
  );
}

/** `+ - * / %` and `-f`, typed by the left operand as PowerShell does. */
export function applyArithmetic(operator: string, left: PsValue, right: PsValue): PsValue {
  if (operator === "-f") return formatOperator(toStr(left), enumerate(right));
  if (operator === "+") {
    if (left === null) return right;
    if (typeof left === "string") return left + toStr(right);
    if (Array.isArray(left)) return [...left, ...enumerate(right)];
    if (left instanceof PsObject && left.kind === "hashtable" && right instanceof PsObject) {
      const sum = new PsObject("hashtable", left.typeName);
      for (const table of [left, right]) {
        for (const name of table.names) {
          if (sum.has(name)) {
            throw new PowerShellError(`Item has already been added. Key in dictionary: '${name}'`);
          }
          sum.set(name, table.get(name) ?? null);
        }
      }
      return sum;
    }
    if (left instanceof PsDateTime && right instanceof PsTimeSpan) {
      return new PsDateTime(left.epochMilliseconds + right.milliseconds);
    }
    if (left instanceof PsTimeSpan && right instanceof PsTimeSpan) {
      return new PsTimeSpan(left.milliseconds + right.milliseconds);
    }
  }
  if (operator === "-") {
    if (left instanceof PsDateTime && right instanceof PsDateTime) {
      return new PsTimeSpan(left.epochMilliseconds - right.epochMilliseconds);
    }
    if (left instanceof PsDateTime && right instanceof PsTimeSpan) {
      return new PsDateTime(left.epochMilliseconds - right.milliseconds);
    }
    if (left instanceof PsTimeSpan && right instanceof PsTimeSpan) {
      return new PsTimeSpan(left.milliseconds - right.milliseconds);
    }
  }
  if (operator === "*" && typeof left === "string") return left.repeat(toNumber(right));
  if (
    left === null ||
    typeof left === "number" ||
    typeof left === "boolean" ||
    typeof left === "string"
  ) {
    const l = toNumber(left);
    const r = toNumber(right);
    switch (operator) {
      case "+":
        return l + r;
      case "-":
        return l - r;
      case "*":
        return l * r;
      case "/":
        if (r === 0)
          throw new PowerShellError("Attempted to divide by zero.", "System.DivideByZeroException");
        return l / r;
      case "%":
        if (r === 0)
          throw new PowerShellError("Attempted to divide by zero.", "System.DivideByZeroException");
        return l % r;
    }
  }
  const names: Record<string, string> = {
    "+": "Addition",
    "-": "Subtraction",
    "*": "Multiply",
    "/": "Division",
    "%": "Modulus",
  };
  throw cannotApply(names[operator] ?? operator, left);
}
