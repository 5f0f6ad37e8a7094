/**
 * The one place where values enter batch files. Each function takes a value from the
 * options file and returns text that is safe in one batch context, or throws
 * EscapeError naming what cannot be expressed there.
 */
export class EscapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EscapeError";
  }
}

/** Printable ASCII only: a control character breaks lines, and cmd reads bytes in the OEM code page. */
function requirePrintableAscii(value: string, what: string): void {
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) {
      throw new EscapeError(
        `${what} contains the control character U+${code.toString(16).toUpperCase().padStart(4, "0")}, which a batch file cannot hold`,
      );
    }
    if (code > 0x7e) {
      throw new EscapeError(
        `${what} contains the non-ASCII character "${ch}"; batch files are written in ASCII`,
      );
    }
  }
}

/**
 * Text for the rest of a `@rem` line. `%` is doubled because percent expansion runs on
 * every line, comments included; a trailing `^` would join the next line to the comment.
 */
export function batchCommentText(value: string, what: string): string {
  requirePrintableAscii(value, what);
  if (value.trimEnd().endsWith("^")) {
    throw new EscapeError(
      `${what} ends with "^", which would join the next line of the script to the comment`,
    );
  }
  return value.replace(/%/g, "%%");
}

/**
 * Text inside double quotes on a line cmd parses with delayed expansion off
 * (`set "X=value"`, `if /i "%V%"=="value"`): quotes make & | < > ( ) ^ literal and `!` is
 * inert; a `"` would end the quoting and `%` would start an expansion, so both are refused.
 */
export function batchQuotedText(value: string, what: string): string {
  requirePrintableAscii(value, what);
  for (const ch of ['"', "%"]) {
    if (value.includes(ch))
      throw new EscapeError(
        `${what} contains ${ch}, which cannot be quoted safely in a batch file`,
      );
  }
  return value;
}

/**
 * Text inside double quotes that a program reads as one argument (`msg ... "value"`): quoted
 * as `batchQuotedText`, and a trailing backslash run doubled, since the C runtime's argument
 * rules read `\"` as a quote character and `\\"` as one backslash before the closing quote.
 */
export function batchQuotedArgument(value: string, what: string): string {
  return batchQuotedText(value, what).replace(/\\+$/, (run) => run + run);
}

/** Text inside `%VAR:text=%` or a substring comparison: letters, digits and # . _ - only. */
export function batchPatternText(value: string, what: string): string {
  if (!/^[A-Za-z0-9#._-]([A-Za-z0-9#._ -]*[A-Za-z0-9#._-])?$/.test(value)) {
    throw new EscapeError(`${what} may hold only letters, digits, inner spaces and # . _ -`);
  }
  return value;
}

/** A host name as a bare `call` argument: letters, digits, dots and dashes. */
export function batchHostName(value: string, what: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(value))
    throw new EscapeError(`${what} is not a host name`);
  return value;
}

/**
 * A state word as the bytes its console shows (one char per byte), for an `if` comparison
 * inside quotes. Bytes 0x80-0xFF are allowed here only: on a console of another code page
 * they decode to other letters and the comparison is simply false.
 */
export function batchOemWord(bytes: string, what: string): string {
  for (const ch of bytes) {
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || code > 0xff || ch === '"' || ch === "%") {
      throw new EscapeError(`${what} cannot be written as a batch comparison`);
    }
  }
  return bytes;
}
