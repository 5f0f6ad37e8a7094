/**
 * OEM console code pages, byte string <-> Unicode.
 *
 * `query session` and `query user` write in the console's OEM code page, not UTF-8 (the recorded
 * samples are UTF-8 only because they were copied from web pages). A generated script compares
 * those OEM bytes, so the fixtures, the state-word table and the tests need both spellings.
 */

/** The OEM code pages of the languages we have samples for (CP850: de fr it es; CP866: ru). */
export type OemCodePage = "cp850" | "cp866";

/** Unicode characters of bytes 0x80-0xFF, generated from Python's codecs. */
const highHalves: Record<OemCodePage, string> = {
  cp850:
    "\u00c7\u00fc\u00e9\u00e2\u00e4\u00e0\u00e5\u00e7\u00ea\u00eb\u00e8\u00ef\u00ee\u00ec\u00c4\u00c5\u00c9\u00e6\u00c6\u00f4\u00f6\u00f2\u00fb\u00f9\u00ff\u00d6\u00dc\u00f8\u00a3\u00d8\u00d7\u0192" +
    "\u00e1\u00ed\u00f3\u00fa\u00f1\u00d1\u00aa\u00ba\u00bf\u00ae\u00ac\u00bd\u00bc\u00a1\u00ab\u00bb\u2591\u2592\u2593\u2502\u2524\u00c1\u00c2\u00c0\u00a9\u2563\u2551\u2557\u255d\u00a2\u00a5\u2510" +
    "\u2514\u2534\u252c\u251c\u2500\u253c\u00e3\u00c3\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u00a4\u00f0\u00d0\u00ca\u00cb\u00c8\u0131\u00cd\u00ce\u00cf\u2518\u250c\u2588\u2584\u00a6\u00cc\u2580" +
    "\u00d3\u00df\u00d4\u00d2\u00f5\u00d5\u00b5\u00fe\u00de\u00da\u00db\u00d9\u00fd\u00dd\u00af\u00b4\u00ad\u00b1\u2017\u00be\u00b6\u00a7\u00f7\u00b8\u00b0\u00a8\u00b7\u00b9\u00b3\u00b2\u25a0\u00a0",
  cp866:
    "\u0410\u0411\u0412\u0413\u0414\u0415\u0416\u0417\u0418\u0419\u041a\u041b\u041c\u041d\u041e\u041f\u0420\u0421\u0422\u0423\u0424\u0425\u0426\u0427\u0428\u0429\u042a\u042b\u042c\u042d\u042e\u042f" +
    "\u0430\u0431\u0432\u0433\u0434\u0435\u0436\u0437\u0438\u0439\u043a\u043b\u043c\u043d\u043e\u043f\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255d\u255c\u255b\u2510" +
    "\u2514\u2534\u252c\u251c\u2500\u253c\u255e\u255f\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256b\u256a\u2518\u250c\u2588\u2584\u258c\u2590\u2580" +
    "\u0440\u0441\u0442\u0443\u0444\u0445\u0446\u0447\u0448\u0449\u044a\u044b\u044c\u044d\u044e\u044f\u0401\u0451\u0404\u0454\u0407\u0457\u040e\u045e\u00b0\u2219\u00b7\u221a\u2116\u00a4\u25a0\u00a0",
};

/** Decodes a byte string (one char per byte) in an OEM code page to Unicode. */
export function decodeOem(bytes: string, codePage: OemCodePage): string {
  const high = highHalves[codePage];
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const code = bytes.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`not a byte string: char ${i} is U+${code.toString(16)}`);
    out += code < 0x80 ? bytes[i] : high[code - 0x80];
  }
  return out;
}

/**
 * Encodes Unicode text as an OEM byte string; throws on a character the code page lacks,
 * because a silently substituted byte would make a fixture lie about what the tool prints.
 */
export function encodeOem(text: string, codePage: OemCodePage): string {
  const high = highHalves[codePage];
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      out += ch;
      continue;
    }
    const index = high.indexOf(ch);
    if (index < 0) throw new RangeError(`"${ch}" has no byte in ${codePage}`);
    out += String.fromCharCode(0x80 + index);
  }
  return out;
}

/** UTF-8 bytes of Unicode text, as a byte string. */
export function utf8Bytes(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

/** Decodes a byte string as UTF-8, or undefined when it is not valid UTF-8. */
export function decodeUtf8(bytes: string): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(bytes, "latin1"));
  } catch {
    return undefined;
  }
}
