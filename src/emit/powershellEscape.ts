import { EscapeError } from "./batchEscape.js";

/**
 * The one place where values enter PowerShell scripts. Each function returns text safe in
 * one PowerShell context or throws EscapeError.
 */

function rejectControlCharacters(value: string, what: string): void {
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      throw new EscapeError(
        `${what} contains the control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`,
      );
    }
  }
}

/** Text for the rest of a `#` comment line: any printable text; ASCII is checked on the whole file. */
export function powershellCommentText(value: string, what: string): string {
  rejectControlCharacters(value, what);
  return value;
}

/**
 * A single-quoted PowerShell literal. Inside '...' nothing expands; the only special
 * characters are the five single quotes PowerShell knows (' and U+2018..U+201B), each
 * doubled, as CodeGeneration.EscapeSingleQuotedStringContent does.
 */
export function powershellString(value: string, what: string): string {
  rejectControlCharacters(value, what);
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}
