/**
 * Console code pages, byte string <-> Unicode.
 *
 * `query session` and `query user` write in the console's OEM code page, not UTF-8 (the recorded
 * samples are UTF-8 only because they were copied from web pages). A generated script compares
 * those OEM bytes, so the fixtures, the state-word table and the tests need both spellings.
 * The tables are Windows' (src/listing/oemTables.ts); a character a code page lacks is an error
 * when encoding, never a silently substituted byte.
 */
import { oemUpperHalves } from "./oemTables.js";

/** The OEM code pages of the languages we have samples for (CP850: de fr it es; CP866: ru). */
export type OemCodePage = "cp850" | "cp866";

/**
 * The code pages a Windows console decodes native output with ([Console]::OutputEncoding):
 * 437 (US English OEM), 850, 866, or 65001 after `chcp 65001`.
 */
export type ConsoleCodePage = 437 | 850 | 866 | 65001;

/** Decodes a byte string (one char per byte) in an OEM code page to Unicode. */
export function decodeOem(bytes: string, codePage: OemCodePage): string {
  return decodeSingleByte(bytes, codePage);
}

function decodeSingleByte(bytes: string, codePage: keyof typeof oemUpperHalves): string {
  const upper = oemUpperHalves[codePage];
  let text = "";
  for (let i = 0; i < bytes.length; i++) {
    const code = bytes.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`not a byte string: char ${i} is U+${code.toString(16)}`);
    text += code < 0x80 ? bytes[i] : upper[code - 0x80];
  }
  return text;
}

/** Each code page's byte for a character of its upper half, made on first use. */
const upperHalfBytes = new Map<OemCodePage, Map<string, string>>();

function bytesOfUpperHalf(codePage: OemCodePage): Map<string, string> {
  let bytes = upperHalfBytes.get(codePage);
  if (!bytes) {
    bytes = new Map(
      [...oemUpperHalves[codePage]].map((ch, i) => [ch, String.fromCharCode(0x80 + i)]),
    );
    upperHalfBytes.set(codePage, bytes);
  }
  return bytes;
}

/**
 * Encodes Unicode text as an OEM byte string; throws on a character the code page lacks,
 * because a silently substituted byte would make a fixture lie about what the tool prints.
 */
export function encodeOem(text: string, codePage: OemCodePage): string {
  const upper = bytesOfUpperHalf(codePage);
  let bytes = "";
  for (const ch of text) {
    const byte = ch.charCodeAt(0) < 0x80 ? ch : upper.get(ch);
    if (byte === undefined) throw new RangeError(`"${ch}" has no byte in ${codePage}`);
    bytes += byte;
  }
  return bytes;
}

/**
 * What PowerShell makes of a native program's output bytes: text decoded with the console's
 * code page (invalid UTF-8 becomes U+FFFD, as .NET's decoder does).
 */
export function decodeConsole(bytes: string, codePage: ConsoleCodePage): string {
  return codePage === 65001
    ? byteBuffer(bytes).toString("utf8")
    : decodeSingleByte(bytes, `cp${codePage}`);
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
