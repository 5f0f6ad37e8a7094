import { PsDirectorySearcher } from "./directorySearcher.js";
import { PowerShellError } from "./errors.js";
import { formatItem } from "./format.js";
import {
  PsChar,
  PsDateTime,
  PsErrorRecord,
  PsObject,
  PsTimeSpan,
  enumerate,
  formatDateTime,
  parseTimeSpan,
  timeSpanProperty,
  toBool,
  toInt,
  toNumber,
  toStr,
  typeNameOf,
  type PsValue,
} from "./values.js";

/**
 * Properties, methods, static members and casts of the .NET types scripts touch. Anything
 * not listed raises `unsupported()`: a member the simulator does not model must not quietly
 * return $null where Windows would return something.
 */

type Unsupported = () => Error;

/**
 * `$PSCmdlet.ShouldProcess(target, operation)` as the run answers it: false under -WhatIf (after
 * printing the "What if:" line), true otherwise.
 */
export type ShouldProcess = (target: string, operation: string) => boolean;

const scriptCmdletType = "System.Management.Automation.PSScriptCmdlet";

/** `$PSCmdlet` of a script or function declared with [CmdletBinding()]. */
export function scriptCmdlet(commandName: string): PsObject {
  const cmdlet = new PsObject("object", scriptCmdletType);
  cmdlet.set("CommandName", commandName);
  return cmdlet;
}

function exceptionObject(record: PsErrorRecord): PsObject {
  const exception = new PsObject("object", record.exceptionType);
  exception.set("Message", record.message);
  return exception;
}

/** `$value.Name`: member enumeration over arrays, case-insensitive property bags. */
export function getMember(
  value: PsValue,
  name: string,
  unsupported: Unsupported,
  lower = name.toLowerCase(),
): PsValue {
  if (Array.isArray(value)) {
    if (lower === "count" || lower === "length") return value.length;
    // A loop, not flatMap, which V8 runs several times slower.
    const members: PsValue[] = [];
    for (const item of value) {
      const member = getMember(item, name, unsupported, lower);
      if (member !== null) for (const element of enumerate(member)) members.push(element);
    }
    return members;
  }
  if (value === null) return lower === "count" ? 0 : null;
  if (typeof value === "string" && lower === "length") return value.length;
  if (value instanceof PsObject) {
    if (value.kind === "hashtable") {
      if (value.hasLower(lower)) return value.getLower(lower) ?? null;
      if (lower === "count") return value.size;
      if (lower === "keys") return value.keys;
      if (lower === "values") return value.values;
      return null;
    }
    if (value.hasLower(lower)) return value.getLower(lower) ?? null;
    if (lower === "count") return 1;
    if (value.typeName === scriptCmdletType) throw unsupported();
    return null;
  }
  // Every scalar has PowerShell's intrinsic Count and Length of 1 ([char]'x' included).
  if (lower === "count" || (lower === "length" && value instanceof PsChar)) return 1;
  if (value instanceof PsTimeSpan) {
    const property = timeSpanProperty(value, name);
    if (property !== undefined) return property;
  }
  if (value instanceof PsDateTime) {
    const date = value.date;
    const fields: Record<string, number> = {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
      millisecond: date.getUTCMilliseconds(),
    };
    const field = fields[lower];
    if (field !== undefined) return field;
  }
  if (value instanceof PsErrorRecord) {
    if (lower === "exception") return exceptionObject(value);
  }
  throw unsupported();
}

function requireArgs(name: string, args: PsValue[], counts: number[]): void {
  if (!counts.includes(args.length)) {
    throw new PowerShellError(
      `Cannot find an overload for "${name}" and the argument count: "${args.length}".`,
      "System.Management.Automation.MethodException",
    );
  }
}

function methodError(name: string, args: PsValue[], message: string): PowerShellError {
  return new PowerShellError(
    `Exception calling "${name}" with "${args.length}" argument(s): "${message}"`,
    "System.Management.Automation.MethodInvocationException",
  );
}

/** .NET Framework's String.Split(params char[]): each character of the argument separates. */
function splitChars(text: string, separators: PsValue[]): string[] {
  const chars = new Set(separators.flatMap((separator) => [...toStr(separator)]));
  if (chars.size === 0) return text.split(/\s/);
  const parts: string[] = [];
  let current = "";
  for (const ch of text) {
    if (chars.has(ch)) {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function trimChars(text: string, chars: PsValue[], start: boolean, end: boolean): string {
  const set = chars.length === 0 ? undefined : new Set(chars.flatMap((c) => [...toStr(c)]));
  // A space, the usual padding, is tested without the regular expression.
  const trims = (ch: string): boolean => (set ? set.has(ch) : ch === " " || /\s/.test(ch));
  let from = 0;
  let to = text.length;
  while (start && from < to && trims(text[from] ?? "")) from++;
  while (end && to > from && trims(text[to - 1] ?? "")) to--;
  return text.slice(from, to);
}

function stringMethod(
  text: string,
  name: string,
  lower: string,
  args: PsValue[],
  unsupported: Unsupported,
): PsValue {
  const display = name;
  switch (lower) {
    case "substring": {
      requireArgs(display, args, [1, 2]);
      const start = toInt(args[0] ?? null);
      const length = args.length === 2 ? toInt(args[1] ?? null) : text.length - start;
      if (start < 0 || start > text.length) {
        throw methodError(
          display,
          args,
          "startIndex cannot be larger than length of string.\r\nParameter name: startIndex",
        );
      }
      if (length < 0 || start + length > text.length) {
        throw methodError(
          display,
          args,
          "Index and length must refer to a location within the string.\r\nParameter name: length",
        );
      }
      return text.slice(start, start + length);
    }
    case "trim":
      return trimChars(text, args, true, true);
    case "trimstart":
      return trimChars(text, args, true, false);
    case "trimend":
      return trimChars(text, args, false, true);
    case "split":
      return splitChars(text, args);
    case "tolower":
    case "tolowerinvariant":
      requireArgs(display, args, [0]);
      return text.toLowerCase();
    case "toupper":
    case "toupperinvariant":
      // .NET maps each UTF-16 unit alone: ß has no one-character capital and stays ß.
      requireArgs(display, args, [0]);
      return ordinalUpper(text);
    case "startswith":
      requireArgs(display, args, [1]);
      return text.startsWith(toStr(args[0] ?? null));
    case "endswith":
      requireArgs(display, args, [1]);
      return text.endsWith(toStr(args[0] ?? null));
    case "contains":
      requireArgs(display, args, [1]);
      return text.includes(toStr(args[0] ?? null));
    case "indexof":
      requireArgs(display, args, [1, 2]);
      return text.indexOf(toStr(args[0] ?? null), args.length === 2 ? toInt(args[1] ?? null) : 0);
    case "lastindexof":
      requireArgs(display, args, [1]);
      return text.lastIndexOf(toStr(args[0] ?? null));
    case "replace":
      requireArgs(display, args, [2]);
      return text.split(toStr(args[0] ?? null)).join(toStr(args[1] ?? null));
    case "padleft":
      requireArgs(display, args, [1, 2]);
      return text.padStart(
        toInt(args[0] ?? null),
        args.length === 2 ? toStr(args[1] ?? null) : " ",
      );
    case "padright":
      requireArgs(display, args, [1, 2]);
      return text.padEnd(toInt(args[0] ?? null), args.length === 2 ? toStr(args[1] ?? null) : " ");
    case "tostring":
      return text;
    default:
      throw unsupported();
  }
}

/** `$value.Method(args)`. */
export function callMethod(
  shouldProcess: ShouldProcess,
  value: PsValue,
  name: string,
  args: PsValue[],
  unsupported: Unsupported,
  lower = name.toLowerCase(),
): PsValue {
  if (value === null) {
    throw new PowerShellError(
      "You cannot call a method on a null-valued expression.",
      "System.Management.Automation.RuntimeException",
    );
  }
  if (typeof value === "string") return stringMethod(value, name, lower, args, unsupported);
  if (value instanceof PsDirectorySearcher && lower === "findall") {
    requireArgs(name, args, [0]);
    return value.findAll();
  }
  if (
    value instanceof PsObject &&
    value.typeName === scriptCmdletType &&
    lower === "shouldprocess"
  ) {
    requireArgs(name, args, [1, 2]);
    const target = toStr(args[0] ?? null);
    const operation =
      args.length === 2 ? toStr(args[1] ?? null) : toStr(value.get("CommandName") ?? null);
    return shouldProcess(target, operation);
  }
  if (value instanceof PsObject && value.kind === "hashtable") {
    switch (lower) {
      case "containskey":
        requireArgs(name, args, [1]);
        return value.has(args[0] ?? null);
      case "add": {
        requireArgs(name, args, [2]);
        const key = args[0] ?? null;
        if (value.has(key)) {
          throw methodError(
            name,
            args,
            `Item has already been added. Key in dictionary: '${toStr(key)}'  Key being added: '${toStr(key)}'`,
          );
        }
        value.set(key, args[1] ?? null);
        return null;
      }
      case "remove":
        requireArgs(name, args, [1]);
        value.delete(args[0] ?? null);
        return null;
    }
  }
  if (lower === "tostring") {
    if (args.length === 0) return toStr(value);
    requireArgs(name, args, [1]);
    if (value instanceof PsDateTime) return formatDateTime(value, toStr(args[0] ?? null));
    if (typeof value === "number") return formatItem(value, toStr(args[0] ?? null));
  }
  if (value instanceof PsDateTime) {
    // The simulated clock has no time zone: local time and UTC are the same instant.
    if (lower === "touniversaltime") {
      requireArgs(name, args, [0]);
      return value;
    }
    const units: Record<string, number> = {
      addmilliseconds: 1,
      addseconds: 1000,
      addminutes: 60_000,
      addhours: 3_600_000,
      adddays: 86_400_000,
    };
    const unit = units[lower];
    if (unit !== undefined) {
      requireArgs(name, args, [1]);
      return new PsDateTime(value.epochMilliseconds + Math.round(toNumber(args[0] ?? null) * unit));
    }
  }
  throw unsupported();
}

/** .NET's OrdinalIgnoreCase key: each UTF-16 unit upper-cased alone (ß stays ß). */
function ordinalUpper(text: string): string {
  let upper = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text.charAt(i);
    const mapped = unit.toUpperCase();
    upper += mapped.length === 1 ? mapped : unit;
  }
  return upper;
}

/** `[type]::Member` (args undefined) and `[type]::Method(args)`. */
export function callStaticMethod(
  type: string,
  name: string,
  args: PsValue[] | undefined,
  unsupported: Unsupported,
): PsValue {
  const lower = name.toLowerCase();
  if (args === undefined) {
    if (type === "int" && lower === "maxvalue") return 2147483647;
    if (type === "environment" && lower === "newline") return "\r\n";
    throw unsupported();
  }
  const first = args[0] ?? null;
  switch (`${type}::${lower}`) {
    case "string::isnullorwhitespace":
      requireArgs(name, args, [1]);
      return first === null || toStr(first).trim() === "";
    case "string::isnullorempty":
      requireArgs(name, args, [1]);
      return first === null || toStr(first) === "";
    case "string::equals": {
      // Only the ordinal comparison the safe script uses: -eq compares by culture and
      // ignores characters such as the soft hyphen, which names must not.
      requireArgs(name, args, [3]);
      if (toStr(args[2] ?? null).toLowerCase() !== "ordinalignorecase") throw unsupported();
      return ordinalUpper(toStr(first)) === ordinalUpper(toStr(args[1] ?? null));
    }
    case "string::join":
      requireArgs(name, args, [2]);
      return enumerate(args[1] ?? null)
        .map(toStr)
        .join(toStr(first));
    case "math::floor":
      requireArgs(name, args, [1]);
      return Math.floor(toNumber(first));
    case "math::ceiling":
      requireArgs(name, args, [1]);
      return Math.ceil(toNumber(first));
    case "math::abs":
      requireArgs(name, args, [1]);
      return Math.abs(toNumber(first));
    case "math::max":
      requireArgs(name, args, [2]);
      return Math.max(toNumber(first), toNumber(args[1] ?? null));
    case "math::min":
      requireArgs(name, args, [2]);
      return Math.min(toNumber(first), toNumber(args[1] ?? null));
    case "math::round":
      requireArgs(name, args, [1]);
      return toInt(first);
    case "bitconverter::touint32": {
      // Four bytes from startIndex, little-endian, as on every Windows machine.
      requireArgs(name, args, [2]);
      const bytes = enumerate(first).map(toInt);
      const start = toInt(args[1] ?? null);
      if (start < 0 || start + 4 > bytes.length) {
        throw methodError(
          name,
          args,
          "Destination array is not long enough to copy all the items in the collection. Check array index and length.",
        );
      }
      return bytes
        .slice(start, start + 4)
        .reduceRight((value, byte) => value * 256 + (byte & 0xff), 0);
    }
    case "timespan::frommilliseconds":
      requireArgs(name, args, [1]);
      return new PsTimeSpan(toNumber(first));
    case "timespan::fromseconds":
      requireArgs(name, args, [1]);
      return new PsTimeSpan(toNumber(first) * 1000);
    case "timespan::fromminutes":
      requireArgs(name, args, [1]);
      return new PsTimeSpan(toNumber(first) * 60_000);
    case "timespan::fromhours":
      requireArgs(name, args, [1]);
      return new PsTimeSpan(toNumber(first) * 3_600_000);
    case "timespan::fromdays":
      requireArgs(name, args, [1]);
      return new PsTimeSpan(toNumber(first) * 86_400_000);
    default:
      throw unsupported();
  }
}

function castError(value: PsValue, type: string, reason: string): PowerShellError {
  return new PowerShellError(
    `Cannot convert value "${toStr(value)}" to type "${type}". Error: "${reason}"`,
    "System.Management.Automation.PSInvalidCastException",
  );
}

/** `[type]$value` for the types the subset allows (see typeAliases in expressions.ts). */
export function castValue(type: string, value: PsValue, unsupported: Unsupported): PsValue {
  if (type.endsWith("[]")) {
    const element = type.slice(0, -2);
    return (value === null ? [] : enumerate(value)).map((item) =>
      castValue(element, item, unsupported),
    );
  }
  switch (type) {
    case "int":
      return toInt(value);
    case "double":
      return toNumber(value);
    case "string":
      return value === null ? "" : toStr(value);
    case "bool":
    case "switch":
      return toBool(value);
    case "array":
      return value === null ? [] : [...enumerate(value)];
    case "object":
      return value;
    case "char": {
      if (value instanceof PsChar) return value;
      if (typeof value === "number") return new PsChar(toInt(value));
      const text = toStr(value);
      if (text.length !== 1) {
        throw castError(value, "System.Char", "String must be exactly one character long.");
      }
      return new PsChar(text.charCodeAt(0));
    }
    case "timespan":
      if (value instanceof PsTimeSpan) return value;
      if (typeof value === "number") return new PsTimeSpan(value / 10_000);
      if (typeof value === "string") return parseTimeSpan(value);
      throw castError(
        value,
        "System.TimeSpan",
        `Cannot convert "${typeNameOf(value)}" to "System.TimeSpan".`,
      );
    case "hashtable":
      if (value instanceof PsObject && value.kind === "hashtable") return value;
      throw castError(
        value,
        "System.Collections.Hashtable",
        "Only a hashtable converts to a hashtable.",
      );
    case "pscustomobject": {
      if (!(value instanceof PsObject) || value.kind !== "hashtable") return value;
      const object = new PsObject("object", "System.Management.Automation.PSCustomObject");
      for (const key of value.keys) object.set(toStr(key), value.get(key) ?? null);
      return object;
    }
    default:
      throw unsupported();
  }
}
