import { PowerShellError } from "./errors.js";
import { formatOperator } from "./format.js";
import {
  PsChar,
  PsDateTime,
  PsObject,
  PsTimeSpan,
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
  const flags = (caseSensitive ? "" : "i") + (global ? "g" : "");
  // A global expression is shared too: its only users, String.replace and splitString, start
  // from lastIndex 0 and leave it there.
  const key = `${flags}/${pattern}`;
  const kept = translatedPatterns.get(key);
  if (kept) return kept;
  const source = pattern.replace(/\\A/g, "^").replace(/\\[zZ]/g, "$");
  let made: RegExp;
  try {
    made = new RegExp(source, flags);
  } catch {
    throw new PowerShellError(`The regular expression pattern ${pattern} is not valid.`);
  }
  if (translatedPatterns.size >= 1000) translatedPatterns.clear();
  translatedPatterns.set(key, made);
  return made;
}

/** Translated expressions by flags and pattern: a script matches few patterns, often. */
const translatedPatterns = new Map<string, RegExp>();

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

/**
 * The right operand of a comparison with a char on the left, converted to a char as
 * PowerShell does (a number is a code point, a one-letter string its letter); undefined when
 * it does not convert, which makes the comparison false.
 */
function asChar(value: PsValue): PsChar | undefined {
  if (value instanceof PsChar) return value;
  if (typeof value === "number") return Number.isInteger(value) ? new PsChar(value) : undefined;
  if (typeof value === "string")
    return value.length === 1 ? new PsChar(value.charCodeAt(0)) : undefined;
  return undefined;
}

/** Equality with the left operand's type deciding the conversion (`1 -eq '01'` is true). */
export function valuesEqual(left: PsValue, right: PsValue, caseSensitive: boolean): boolean {
  if (left === null) return right === null;
  if (right === null) return false;
  if (left instanceof PsChar) {
    const r = asChar(right);
    if (r === undefined) return false;
    return caseSensitive ? left.code === r.code : left.text.toLowerCase() === r.text.toLowerCase();
  }
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

/**
 * PowerShell orders strings with the culture's comparison, not by code unit: letters by
 * letter first, lower case before upper case when the case matters (`'Z' -clt 'a'` is false,
 * `'a' -clt 'A'` true).
 */
const cultureOrder = {
  ignoreCase: new Intl.Collator("en-US", { sensitivity: "accent" }),
  caseSensitive: new Intl.Collator("en-US", { sensitivity: "variant", caseFirst: "lower" }),
};

function compareStrings(left: string, right: string, caseSensitive: boolean): number {
  const collator = caseSensitive ? cultureOrder.caseSensitive : cultureOrder.ignoreCase;
  return Math.sign(collator.compare(left, right));
}

/**
 * Where $null sorts against a value: below everything but a negative number
 * (LanguagePrimitives.Compare: "If it's a positive number, including 0, it's greater than
 * null"; `$null -gt -1` is true).
 */
function compareWithNull(value: PsValue): number {
  return typeof value === "number" && value < 0 ? -1 : 1;
}

/** Ordering for -gt/-ge/-lt/-le: negative, zero or positive. */
function compareValues(left: PsValue, right: PsValue, caseSensitive: boolean): number {
  if (left === null) return right === null ? 0 : -compareWithNull(right);
  if (right === null) return compareWithNull(left);
  if (typeof left === "string") return compareStrings(left, toStr(right), caseSensitive);
  if (left instanceof PsChar) {
    const r = asChar(right);
    if (r === undefined) {
      throw new PowerShellError(
        `Cannot convert value "${toStr(right)}" to type "System.Char".`,
        "System.Management.Automation.PSInvalidCastException",
      );
    }
    return compareStrings(left.text, r.text, caseSensitive);
  }
  if (typeof left === "number" || typeof left === "boolean") {
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
  // Numbered groups have int keys ($Matches[1]), named groups string keys ($Matches.name).
  match.forEach((group, index) => {
    if (group !== undefined && (index === 0 || !named.has(group))) table.set(index, group);
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
  // What text.matchAll(regex) yields, without the copy of the expression it makes: an empty
  // match moves on one unit (the flags never include u). The shared expression is left at 0.
  regex.lastIndex = 0;
  try {
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      if (match[0] === "") regex.lastIndex++;
      if (max > 0 && parts.length === max - 1) break;
      if (match[0] === "" && (match.index === 0 || match.index === text.length)) continue;
      parts.push(text.slice(last, match.index));
      parts.push(...match.slice(1).filter((group): group is string => group !== undefined));
      last = match.index + match[0].length;
    }
  } finally {
    regex.lastIndex = 0;
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
  return applyParsedComparison(parsed, left, right, setMatches);
}

/** `applyComparison` of an operator parsed once (parseComparisonOperator). */
export function applyParsedComparison(
  { name, caseSensitive }: { name: string; caseSensitive: boolean },
  left: PsValue,
  right: PsValue,
  setMatches: (table: PsObject) => void,
): PsValue {
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
      // A loop, not flatMap, which V8 runs several times slower.
      const parts: string[] = [];
      for (const item of enumerate(left)) {
        const split = splitString(
          toStr(item),
          toStr(pattern),
          max === null ? 0 : toNumber(max),
          caseSensitive,
        );
        for (const part of split) parts.push(part);
      }
      return parts;
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
        const kept = left.filter((item) =>
          toBool(scalarComparison(name, item, right, caseSensitive, () => undefined)),
        );
        // -like and -notlike return the matching items as strings (parserutils.cs LikeOperator).
        return name === "like" || name === "notlike" ? kept.map(toStr) : kept;
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
    // A char on the left of + is text: [char]'a' + 1 is "a1".
    if (typeof left === "string" || left instanceof PsChar) return toStr(left) + toStr(right);
    if (Array.isArray(left)) return [...left, ...enumerate(right)];
    if (left instanceof PsObject && left.kind === "hashtable" && right instanceof PsObject) {
      const sum = new PsObject("hashtable", left.typeName);
      for (const table of [left, right]) {
        for (const key of table.keys) {
          if (sum.has(key)) {
            throw new PowerShellError(
              `Item has already been added. Key in dictionary: '${toStr(key)}'`,
            );
          }
          sum.set(key, table.get(key) ?? null);
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
    typeof left === "string" ||
    (left instanceof PsChar && operator === "-")
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
