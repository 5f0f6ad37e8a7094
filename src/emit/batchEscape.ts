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
