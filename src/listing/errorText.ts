/**
 * Recognises the messages qwinsta/quser print instead of a table (FORMAT-NOTES.md §6), so
 * parsers can say "this is an error message" and the fixture runner can route it to stderr.
 */

/** `Error 0x000006BA enumerating sessionnames`, `Error [1722]:…`, `Ошибка [5]:…` (any language). */
const toolError = /^[^ ]+ (0x[0-9A-Fa-f]{8} |\[[0-9]+\]:)/;
/** The "nobody there" messages: qwinsta's `No session exists for *`, quser's `No User exists for *`. */
const nobodyThere = /^No (session|User) exists for [^ ]+/;
/** PowerShell's NativeCommandError wrapping of a tool's first stderr line: `qwinsta.exe : …`. */
const powerShellWrapped = /^[^ ]+\.exe : (.*)$/;

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
