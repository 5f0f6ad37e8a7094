/**
 * Console code pages, byte string <-> Unicode.
 *
 * `query session` and `query user` write in the console's OEM code page, not UTF-8 (the recorded
 * samples are UTF-8 only because they were copied from web pages). A generated script compares
 * those OEM bytes, so the fixtures, the state-word table and the tests need both spellings.
 * The tables are iconv-lite's; every conversion is checked to round-trip, so that a character
 * a code page lacks is an error, never a silently substituted byte.
 */
import { createRequire } from "node:module";
import type Iconv from "iconv-lite";

const require = createRequire(import.meta.url);
let iconvModule: typeof Iconv | undefined;

/**
 * iconv-lite, loaded when a code page is first converted: its tables cost about 10 ms to load,
 * and most runs (`rdlogoff simulate` on an ASCII or UTF-8 listing) convert nothing.
 */
function iconv(): typeof Iconv {
  return (iconvModule ??= require("iconv-lite") as typeof Iconv);
}

/** The OEM code pages of the languages we have samples for (CP850: de fr it es; CP866: ru). */
export type OemCodePage = "cp850" | "cp866";

/**
 * The code pages a Windows console decodes native output with ([Console]::OutputEncoding):
 * 437 (US English OEM), 850, 866, or 65001 after `chcp 65001`.
 */
export type ConsoleCodePage = 437 | 850 | 866 | 65001;

/** Decodes a byte string (one char per byte) in an OEM code page to Unicode. */
export function decodeOem(bytes: string, codePage: OemCodePage): string {
  return iconv().decode(byteBuffer(bytes), codePage);
}

/**
 * Encodes Unicode text as an OEM byte string; throws on a character the code page lacks,
 * because a silently substituted byte would make a fixture lie about what the tool prints.
 */
export function encodeOem(text: string, codePage: OemCodePage): string {
  const bytes = iconv().encode(text, codePage);
  const back = iconv().decode(bytes, codePage);
  if (back !== text) {
    const bad = [...text].find((ch, i) => [...back][i] !== ch) ?? "?";
    throw new RangeError(`"${bad}" has no byte in ${codePage}`);
  }
  return bytes.toString("latin1");
}

/**
 * What PowerShell makes of a native program's output bytes: text decoded with the console's
 * code page (invalid UTF-8 becomes U+FFFD, as .NET's decoder does).
 */
export function decodeConsole(bytes: string, codePage: ConsoleCodePage): string {
  const buffer = byteBuffer(bytes);
  return codePage === 65001 ? buffer.toString("utf8") : iconv().decode(buffer, `cp${codePage}`);
}

/**
 * The console code page a listing was most likely printed in: ASCII is 437, valid UTF-8 with
 * other bytes 65001, a first line that reads as Cyrillic in 866 is 866, anything else 850.
 */
export function guessConsoleCodePage(bytes: string): ConsoleCodePage {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(bytes)) return 437;
  if (decodeUtf8(bytes) !== undefined) return 65001;
  const header = decodeOem(bytes.split(/\r?\n/)[0] ?? "", "cp866");
  return /[\u0410-\u044f]{3}/.test(header) ? 866 : 850;
}

/** UTF-8 bytes of Unicode text, as a byte string. */
export function utf8Bytes(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

/** Decodes a byte string as UTF-8, or undefined when it is not valid UTF-8. */
export function decodeUtf8(bytes: string): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(byteBuffer(bytes));
  } catch {
    return undefined;
  }
}

function byteBuffer(bytes: string): Buffer {
  for (let i = 0; i < bytes.length; i++) {
    const code = bytes.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`not a byte string: char ${i} is U+${code.toString(16)}`);
  }
  return Buffer.from(bytes, "latin1");
}
