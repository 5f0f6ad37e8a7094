import { EmitError } from "./artifact.js";

/**
 * The bytes of a script: every line ends CRLF (cmd misreads labels in LF files; PowerShell
 * does not care), the file ends with exactly one line end, and only ASCII is allowed.
 */
export function scriptBytes(
  text: string,
  target: string,
  fileName: string,
  /** Lines that may hold bytes 0x80-0xFF (OEM state words); every other line must be ASCII. */
  mayHoldOemBytes: (line: string) => boolean = () => false,
): Buffer {
  if (/\r(?!\n)/.test(text))
    throw new EmitError(target, `${fileName} would contain a lone carriage return`);
  const lines = text.replace(/\r\n/g, "\n").replace(/\n+$/, "").split("\n");
  lines.forEach((line, i) => {
    for (const ch of line) {
      const code = ch.codePointAt(0) ?? 0;
      const oem = code >= 0x80 && code <= 0xff && mayHoldOemBytes(line);
      if (((code < 0x20 && code !== 0x09) || code > 0x7e) && !oem) {
        const shown = code > 0x7e ? `"${ch}"` : `U+${code.toString(16).padStart(4, "0")}`;
        throw new EmitError(
          target,
          `${fileName}:${i + 1}: non-ASCII or control character ${shown}: ${line}`,
        );
      }
    }
  });
  return Buffer.from(lines.join("\r\n") + "\r\n", "latin1");
}
