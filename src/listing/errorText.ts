/**
 * Recognises the messages qwinsta/quser print instead of a table (FORMAT-NOTES.md §6), so
 * parsers can say "this is an error message" and the fixture runner can route it to stderr.
 */

import type { ListFailure } from "./listFailures.js";

/** `Error 0x000006BA enumerating sessionnames`, `Error [1722]:…`, `Ошибка [5]:…` (any language). */
const toolError = /^[^ ]+ (0x[0-9A-Fa-f]{8} |\[[0-9]+\]:)/;
/** The "nobody there" messages: qwinsta's `No session exists for *`, quser's `No User exists for *`. */
const nobodyThere = /^No (session|User) exists for [^ ]+/;
/** PowerShell's NativeCommandError wrapping of a tool's first stderr line: `qwinsta.exe : …`. */
const powerShellWrapped = /^[^ ]+\.exe : (.*)$/;

/**
 * The first error message of a capture (a byte string) and its 0-based line, looked for in the
 * lines before its first header or row (which start with a space or `>`): Server 2003's qwinsta
 * says `Error opening Terminal server NAME` and a blank line before its `Error [5]:` line.
 */
export function firstErrorMessage(text: string): { line: number; message: string } | undefined {
  const lines = text.split("\n");
  for (const [line, raw] of lines.entries()) {
    if (/^[ >]/.test(raw)) return undefined;
    const message = errorMessageLine(raw);
    if (message !== undefined) return { line, message };
  }
  return undefined;
}

/** Windows error codes as query prints them in every language: `[5]:` and `0x00000005`. */
const accessDeniedCode = /\[5\]:|0x00000005/i;
const rpcUnavailableCode = /\[1722\]:|0x000006BA/i;

/**
 * Why query's error text (its stderr) leaves the sessions unknown, by the codes it prints;
 * text without either code is a failure the scripts do not tell apart.
 */
export function listFailureOfErrorText(text: string): Exclude<ListFailure, "queryMissing"> {
  if (accessDeniedCode.test(text)) return "accessDenied";
  if (rpcUnavailableCode.test(text)) return "rpcUnavailable";
  return "notUnderstood";
}

/**
 * The tool's own error message when `line` (the first non-blank line of a capture, a byte string)
 * is one, unwrapped from PowerShell's `prog.exe : ` prefix; undefined when it is not an error.
 */
export function errorMessageLine(line: string): string | undefined {
  // Spaces only: trimEnd() would also eat 0xA0, a letter in CP866 (see grid.ts trimSpaces).
  const text = line.replace(/\r$/, "").replace(/ +$/, "");
  const inner = powerShellWrapped.exec(text)?.[1] ?? text;
  return toolError.test(inner) || nobodyThere.test(inner) ? inner : undefined;
}
