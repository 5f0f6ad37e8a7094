import { PowerShellError } from "./errors.js";
import { PsDateTime, formatDateTime, toInt, toStr, type PsValue } from "./values.js";

/**
 * .NET composite formatting: the `-f` operator and `ToString(format)` of numbers and dates
 * (invariant culture, the format strings scripts use).
 */

/** Formats one value for a `{0:fmt}` item of `-f` or a number's `ToString(fmt)`. */
export function formatItem(value: PsValue, format: string): string {
  if (format === "") return toStr(value);
  if (value instanceof PsDateTime) return formatDateTime(value, format);
  if (typeof value === "number") {
    const match = /^([DdNnFfXx])(\d*)$/.exec(format);
    if (match) {
      const [, kind = "", digitsText = ""] = match;
      const digits = digitsText === "" ? undefined : Number(digitsText);
      switch (kind.toUpperCase()) {
        case "D":
          return (value < 0 ? "-" : "") + String(Math.abs(toInt(value))).padStart(digits ?? 0, "0");
        case "F":
          return value.toFixed(digits ?? 2);
        case "N":
          return value.toLocaleString("en-US", {
            minimumFractionDigits: digits ?? 2,
            maximumFractionDigits: digits ?? 2,
          });
        default: {
          const hex = toInt(value)
            .toString(16)
            .padStart(digits ?? 0, "0");
          return kind === "X" ? hex.toUpperCase() : hex;
        }
      }
    }
  }
  throw new PowerShellError(`The format "${format}" is not supported by the simulator.`);
}

/** The `-f` operator: `{index[,alignment][:format]}` items, `{{` and `}}` escapes. */
export function formatOperator(format: string, args: PsValue[]): string {
  let out = "";
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch === "{" && format[i + 1] === "{") {
      out += "{";
      i += 2;
    } else if (ch === "}" && format[i + 1] === "}") {
      out += "}";
      i += 2;
    } else if (ch === "{") {
      const end = format.indexOf("}", i);
      const item = /^(\d+)\s*(?:,\s*(-?\d+))?(?::(.*))?$/s.exec(format.slice(i + 1, end));
      if (end < 0 || !item) {
        throw new PowerShellError(
          `Error formatting a string: Input string was not in a correct format..`,
          "System.FormatException",
        );
      }
      const [, indexText = "0", alignText, itemFormat = ""] = item;
      const index = Number(indexText);
      if (index >= args.length) {
        throw new PowerShellError(
          "Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list..",
          "System.FormatException",
        );
      }
      const text = formatItem(args[index] ?? null, itemFormat);
      const align = alignText === undefined ? 0 : Number(alignText);
      out += align < 0 ? text.padEnd(-align) : text.padStart(align);
      i = end + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
