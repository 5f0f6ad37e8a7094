import { PowerShellError } from "./errors.js";
import type { SyntaxNode } from "./tree.js";

/**
 * The values a simulated script handles, and PowerShell's conversions between them.
 * Numbers are JS numbers (an [int] and a [double] differ only in how they were produced);
 * collections are JS arrays, never mutated in place once shared (`+=` builds a new array).
 */
export type PsValue =
  | null
  | boolean
  | number
  | string
  | PsChar
  | PsValue[]
  | PsObject
  | PsTimeSpan
  | PsDateTime
  | PsScriptBlock
  | PsErrorRecord;

/**
 * System.Char (`[char]0x41`, `'abc'[0]`). It prints and concatenates as text, but converts to
 * its code point as a number (`[int][char]'a'` is 97, `1 + [char]'a'` is 98), and a
 * comparison with a char on the left converts the right operand to a char.
 */
export class PsChar {
  constructor(readonly code: number) {}

  get text(): string {
    return String.fromCharCode(this.code);
  }
}

/**
 * How a hashtable tells keys apart: by type, then value, strings case-insensitively
 * (PowerShell's @{} compares string keys ignoring case; `1` and `'1'` are different keys).
 * Strings, numbers and booleans are their own Map keys (a Map tells `1` from `'1'`); a char
 * or another object is a symbol, which no string equals.
 */
type HashKey = string | number | boolean | symbol | null;

function keyOf(key: PsValue): HashKey {
  if (typeof key === "string") return key.toLowerCase();
  if (typeof key === "number" || typeof key === "boolean" || key === null) return key;
  if (key instanceof PsChar) return Symbol.for(`c:${key.code}`);
  return Symbol.for(`o:${typeNameOf(key)}:${toStr(key)}`);
}

/**
 * A hashtable or a property bag (PSCustomObject, RDUserSession). A property bag's names are
 * strings; a hashtable's keys keep their type. String keys are case-insensitive.
 */
export class PsObject {
  private readonly entries = new Map<HashKey, { key: PsValue; value: PsValue }>();

  constructor(
    readonly kind: "hashtable" | "object",
    /** The .NET type name, as `ToString()` and `"$obj"` show it for objects. */
    readonly typeName: string,
  ) {}

  get(key: PsValue): PsValue | undefined {
    return this.entries.get(keyOf(key))?.value;
  }

  has(key: PsValue): boolean {
    return this.entries.has(keyOf(key));
  }

  /** `get` of a string key already in lower case (a string is its own key). */
  getLower(lower: string): PsValue | undefined {
    return this.entries.get(lower)?.value;
  }

  /** `has` of a string key already in lower case. */
  hasLower(lower: string): boolean {
    return this.entries.has(lower);
  }

  set(key: PsValue, value: PsValue): void {
    const hashKey = keyOf(key);
    const existing = this.entries.get(hashKey);
    if (existing) existing.value = value;
    else this.entries.set(hashKey, { key, value });
  }

  delete(key: PsValue): void {
    this.entries.delete(keyOf(key));
  }

  /** The keys as they were first set (a hashtable's `.Keys`). */
  get keys(): PsValue[] {
    return [...this.entries.values()].map((entry) => entry.key);
  }

  /** The keys as strings (a property bag's property names). */
  get names(): string[] {
    return this.keys.map(toStr);
  }

  get values(): PsValue[] {
    return [...this.entries.values()].map((entry) => entry.value);
  }

  get size(): number {
    return this.entries.size;
  }
}

const ticksPerMillisecond = 10_000;

/** System.TimeSpan, held in milliseconds. */
export class PsTimeSpan {
  constructor(readonly milliseconds: number) {}
}

/**
 * System.DateTime, held as milliseconds since the epoch; the UTC fields of that instant are
 * the local wall-clock fields, so the simulated clock has no time zone.
 */
export class PsDateTime {
  constructor(readonly epochMilliseconds: number) {}

  get date(): Date {
    return new Date(this.epochMilliseconds);
  }
}

/** A `{ ... }` literal: its CST node, run later by the interpreter. */
export class PsScriptBlock {
  constructor(
    readonly node: SyntaxNode,
    readonly text: string,
  ) {}
}

/** `$_` inside `catch`, and a native stderr line merged into output with `2>&1`. */
export class PsErrorRecord {
  constructor(
    readonly message: string,
    readonly exceptionType: string,
  ) {}
}

/** How PowerShell names a value's type in its messages (`System.Int32`). */
export function typeNameOf(value: PsValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return "System.Boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "System.Int32" : "System.Double";
  if (typeof value === "string") return "System.String";
  if (value instanceof PsChar) return "System.Char";
  if (Array.isArray(value)) return "System.Object[]";
  if (value instanceof PsObject) return value.typeName;
  if (value instanceof PsTimeSpan) return "System.TimeSpan";
  if (value instanceof PsDateTime) return "System.DateTime";
  if (value instanceof PsScriptBlock) return "System.Management.Automation.ScriptBlock";
  return "System.Management.Automation.ErrorRecord";
}

/**
 * A number as PowerShell prints it with the invariant culture (the common cases): a whole
 * number in full, a fraction with at most 15 significant digits ("G15", .NET Framework's
 * default and pwsh's LanguagePrimitives.DoublePrecision: `0.1 + 0.2` prints 0.3, `1 / 3`
 * prints 0.333333333333333).
 */
export function numberToString(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (Number.isInteger(value)) return String(value);
  const rounded = Number(value.toPrecision(15));
  const magnitude = Math.abs(rounded);
  if (magnitude >= 1e-4 && magnitude < 1e15) return String(rounded);
  // "G" writes an exponent below -4 or above 14, with at least two digits: 1E-05.
  const [mantissa = "", exponent = ""] = rounded.toExponential().split("e");
  const sign = exponent.startsWith("-") ? "-" : "+";
  return `${mantissa}E${sign}${exponent.replace(/^[+-]/, "").padStart(2, "0")}`;
}

/** PowerShell's string conversion (what `"$x"` and `[string]$x` produce). */
export function toStr(value: PsValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (value instanceof PsChar) return value.text;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return numberToString(value);
  if (Array.isArray(value)) return value.map(toStr).join(" ");
  if (value instanceof PsObject) {
    if (value.kind === "hashtable") return "System.Collections.Hashtable";
    if (value.typeName !== "System.Management.Automation.PSCustomObject") return value.typeName;
    return `@{${value.names.map((name) => `${name}=${toStr(value.get(name) ?? null)}`).join("; ")}}`;
  }
  if (value instanceof PsTimeSpan) return timeSpanToString(value);
  if (value instanceof PsDateTime) return formatDateTime(value, "MM/dd/yyyy HH:mm:ss");
  if (value instanceof PsScriptBlock) return value.text;
  return value.message;
}

/** PowerShell's truth rules: empty string, 0, $null and empty arrays are false. */
export function toBool(value: PsValue): boolean {
  if (value === null) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return value.length > 0;
  if (value instanceof PsChar) return value.code !== 0;
  if (Array.isArray(value)) {
    if (value.length === 0) return false;
    if (value.length === 1) return toBool(value[0] ?? null);
    return true;
  }
  return true;
}

/** Items a pipeline or `foreach` sees: arrays unroll one level, $null is no item in foreach. */
export function enumerate(value: PsValue): PsValue[] {
  return Array.isArray(value) ? value : [value];
}

/** A pipeline's collected output as one value: nothing is $null, one item is that item. */
export function collapse(values: PsValue[]): PsValue {
  if (values.length === 0) return null;
  if (values.length === 1) return values[0] ?? null;
  return values;
}

function conversionError(value: PsValue, type: string, reason: string): PowerShellError {
  return new PowerShellError(
    `Cannot convert value "${toStr(value)}" to type "${type}". Error: "${reason}"`,
    "System.Management.Automation.PSInvalidCastException",
  );
}

/** .NET's default rounding for [int] conversions: to even. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Parses a string as PowerShell's number conversion does; undefined when it is not a number. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  if (/^[+-]?0x[0-9a-f]+$/i.test(trimmed)) {
    const negative = trimmed.startsWith("-");
    const magnitude = parseInt(trimmed.replace(/^[+-]?0x/i, ""), 16);
    return negative ? -magnitude : magnitude;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** `[double]$x` and the numeric side of arithmetic. */
export function toNumber(value: PsValue, type = "System.Double"): number {
  if (value === null) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof PsChar) return value.code;
  if (typeof value === "string") {
    const parsed = parseNumber(value);
    if (parsed === undefined)
      throw conversionError(value, type, "Input string was not in a correct format.");
    return parsed;
  }
  if (Array.isArray(value) && value.length === 1) return toNumber(value[0] ?? null, type);
  if (value instanceof PsTimeSpan || value instanceof PsDateTime) {
    throw new PowerShellError(
      `Cannot convert the "${toStr(value)}" value of type "${typeNameOf(value)}" to type "${type}".`,
      "System.Management.Automation.PSInvalidCastException",
    );
  }
  throw conversionError(value, type, `Cannot convert "${typeNameOf(value)}" to "${type}".`);
}

/** `[int]$x`: whole numbers, rounded half to even, within Int32. */
export function toInt(value: PsValue): number {
  const number = toNumber(value, "System.Int32");
  const rounded = roundHalfEven(number);
  if (rounded > 2147483647 || rounded < -2147483648 || !Number.isFinite(rounded)) {
    throw conversionError(
      value,
      "System.Int32",
      "Value was either too large or too small for an Int32.",
    );
  }
  return rounded;
}

const timeSpanPattern = /^\s*(-)?(?:(\d+)|(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d{1,7}))?)?)\s*$/;

/** TimeSpan.Parse: `d`, `hh:mm`, `hh:mm:ss`, `d.hh:mm[:ss[.fffffff]]`. */
export function parseTimeSpan(text: string): PsTimeSpan {
  const match = timeSpanPattern.exec(text);
  if (!match) {
    throw conversionError(
      text,
      "System.TimeSpan",
      "String was not recognized as a valid TimeSpan.",
    );
  }
  const [, minus, onlyDays, days, hours, minutes, seconds, fraction] = match;
  const sign = minus ? -1 : 1;
  if (onlyDays !== undefined) return new PsTimeSpan(sign * Number(onlyDays) * 86_400_000);
  const h = Number(hours);
  const m = Number(minutes);
  const s = Number(seconds ?? "0");
  if (h > 23 || m > 59 || s > 59) {
    throw conversionError(
      text,
      "System.TimeSpan",
      "The TimeSpan could not be parsed because at least one of the numeric components is out of range or contains too many digits.",
    );
  }
  const ms =
    Number(days ?? "0") * 86_400_000 +
    h * 3_600_000 +
    m * 60_000 +
    s * 1000 +
    Number((fraction ?? "").padEnd(7, "0")) / ticksPerMillisecond;
  return new PsTimeSpan(sign * ms);
}

/** TimeSpan.ToString(): `[-][d.]hh:mm:ss[.fffffff]`. */
export function timeSpanToString(span: PsTimeSpan): string {
  const negative = span.milliseconds < 0;
  let ticks = Math.round(Math.abs(span.milliseconds) * ticksPerMillisecond);
  const days = Math.floor(ticks / 864_000_000_000);
  ticks -= days * 864_000_000_000;
  const hours = Math.floor(ticks / 36_000_000_000);
  ticks -= hours * 36_000_000_000;
  const minutes = Math.floor(ticks / 600_000_000);
  ticks -= minutes * 600_000_000;
  const seconds = Math.floor(ticks / 10_000_000);
  ticks -= seconds * 10_000_000;
  const two = (n: number): string => String(n).padStart(2, "0");
  return (
    (negative ? "-" : "") +
    (days > 0 ? `${days}.` : "") +
    `${two(hours)}:${two(minutes)}:${two(seconds)}` +
    (ticks > 0 ? `.${String(ticks).padStart(7, "0")}` : "")
  );
}

/** A TimeSpan's properties (`Days`, `TotalMinutes`, ...); undefined for other names. */
export function timeSpanProperty(span: PsTimeSpan, name: string): number | undefined {
  const ms = span.milliseconds;
  const whole = (unit: number, modulo: number): number => Math.trunc(ms / unit) % modulo;
  switch (name.toLowerCase()) {
    case "days":
      return Math.trunc(ms / 86_400_000);
    case "hours":
      return whole(3_600_000, 24);
    case "minutes":
      return whole(60_000, 60);
    case "seconds":
      return whole(1000, 60);
    case "milliseconds":
      return whole(1, 1000);
    case "ticks":
      return Math.round(ms * ticksPerMillisecond);
    case "totaldays":
      return ms / 86_400_000;
    case "totalhours":
      return ms / 3_600_000;
    case "totalminutes":
      return ms / 60_000;
    case "totalseconds":
      return ms / 1000;
    case "totalmilliseconds":
      return ms;
    default:
      return undefined;
  }
}

const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * DateTime.ToString with a custom format (en-US names). Standard one-letter formats other
 * than `s` and `u` are refused: their output depends on the culture.
 */
export function formatDateTime(value: PsDateTime, format: string): string {
  if (format === "s") return formatDateTime(value, "yyyy-MM-dd'T'HH:mm:ss");
  if (format === "u") return formatDateTime(value, "yyyy-MM-dd HH:mm:ss'Z'");
  if (format.length === 1) {
    throw new PowerShellError(`The date format "${format}" is not supported by the simulator.`);
  }
  const d = value.date;
  const fields: Record<string, (count: number) => string> = {
    y: (n) =>
      n <= 2
        ? String(d.getUTCFullYear() % 100).padStart(n, "0")
        : String(d.getUTCFullYear()).padStart(n, "0"),
    M: (n) =>
      n >= 4
        ? (monthNames[d.getUTCMonth()] ?? "")
        : n === 3
          ? (monthNames[d.getUTCMonth()] ?? "").slice(0, 3)
          : String(d.getUTCMonth() + 1).padStart(n, "0"),
    d: (n) =>
      n >= 4
        ? (dayNames[d.getUTCDay()] ?? "")
        : n === 3
          ? (dayNames[d.getUTCDay()] ?? "").slice(0, 3)
          : String(d.getUTCDate()).padStart(n, "0"),
    H: (n) => String(d.getUTCHours()).padStart(n, "0"),
    h: (n) => String(d.getUTCHours() % 12 || 12).padStart(n, "0"),
    m: (n) => String(d.getUTCMinutes()).padStart(n, "0"),
    s: (n) => String(d.getUTCSeconds()).padStart(n, "0"),
    f: (n) => String(d.getUTCMilliseconds()).padStart(3, "0").padEnd(7, "0").slice(0, n),
    t: (n) => (d.getUTCHours() < 12 ? "AM" : "PM").slice(0, n === 1 ? 1 : 2),
  };
  let out = "";
  let i = 0;
  while (i < format.length) {
    const ch = format[i] ?? "";
    if (ch === "'" || ch === '"') {
      const end = format.indexOf(ch, i + 1);
      const stop = end < 0 ? format.length : end;
      out += format.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (ch === "\\") {
      out += format[i + 1] ?? "";
      i += 2;
      continue;
    }
    const field = fields[ch];
    if (field) {
      let count = 1;
      while (format[i + count] === ch) count++;
      out += field(count);
      i += count;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
