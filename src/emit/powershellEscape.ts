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
  // The file stays ASCII (a user name such as M\u00fcller is shown as M<U+00FC>ller), and a
  // value never closes the <# ... #> block it stands in.
  return value
    .replace(
      /[^\x20-\x7e]/gu,
      (ch) => `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}>`,
    )
    .replace(/#>/g, "# >");
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

/**
 * A word as a PowerShell expression that is pure ASCII: a quoted literal, or a
 * concatenation with [char] for each non-ASCII letter (`'D' + [char]0x00E9 + 'co'`).
 */
export function asciiStringExpression(word: string, what: string): string {
  const parts: string[] = [];
  let literal = "";
  for (const ch of word) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      literal += ch;
      continue;
    }
    if (literal) parts.push(powershellString(literal, what));
    literal = "";
    parts.push(`[char]0x${code.toString(16).toUpperCase().padStart(4, "0")}`);
  }
  if (literal || parts.length === 0) parts.push(powershellString(literal, what));
  if (parts.length === 1) return parts[0] ?? "''";
  // Start from a string, so + concatenates whatever PowerShell makes of [char] + [char].
  if (parts[0]?.startsWith("[char]")) parts.unshift("''");
  return `(${parts.join(" + ")})`;
}
