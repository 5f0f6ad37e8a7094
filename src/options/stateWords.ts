import type { CanonicalState } from "./states.js";
import type { Locale } from "./types.js";

/**
 * The state words `query session` prints, per language (shared/reference FORMAT-NOTES §5),
 * for the states a user session can be in. Listen words are left out on purpose: a
 * listener has no user and is never a target. A state whose word was never seen in a
 * recorded listing of that language is absent: the script then cannot match it there.
 */
export const stateWordsByLocale: Record<Locale, Partial<Record<CanonicalState, string[]>>> = {
  en: {
    active: ["Active"],
    connected: ["Conn"],
    connectQuery: ["ConnQ"],
    shadow: ["Shadow"],
    disconnected: ["Disc"],
    idle: ["Idle"],
    reset: ["Reset"],
    down: ["Down"],
    init: ["Init"],
  },
  de: { active: ["Aktiv"], connected: ["Verb."], disconnected: ["Getr."] },
  fr: { active: ["Actif"], connected: ["Conn"], disconnected: ["D\u00e9co"] },
  es: { active: ["Activo"], disconnected: ["Desc"] },
  it: { active: ["Attivo"], connected: ["Conn"], disconnected: ["Disc"] },
  ru: {
    active: ["\u0410\u043a\u0442\u0438\u0432\u043d\u043e"],
    connected: ["\u041f\u043e\u0434\u043a\u043b\u044e\u0447\u0435\u043d\u043e"],
    disconnected: ["\u0414\u0438\u0441\u043a"],
  },
};

/** The console (OEM) code page each language's Windows prints in. */
export const oemCodePageByLocale: Record<Locale, 437 | 850 | 866> = {
  en: 437,
  de: 850,
  fr: 850,
  es: 850,
  it: 850,
  ru: 866,
};

/** The few non-ASCII characters the tables use, in CP850 and CP866. */
const oemBytes: Record<437 | 850 | 866, Record<string, number>> = {
  437: {},
  850: { "\u00e9": 0x82, "\u00c9": 0x90, "\u00f6": 0x94, "\u00e4": 0x84 },
  866: Object.fromEntries(
    [
      ..."\u0410\u0411\u0412\u0413\u0414\u0415\u0416\u0417\u0418\u0419\u041a\u041b\u041c\u041d\u041e\u041f\u0420\u0421\u0422\u0423\u0424\u0425\u0426\u0427\u0428\u0429\u042a\u042b\u042c\u042d\u042e\u042f\u0430\u0431\u0432\u0433\u0434\u0435\u0436\u0437\u0438\u0439\u043a\u043b\u043c\u043d\u043e\u043f",
    ]
      .map((ch, i) => [ch, 0x80 + i])
      .concat(
        [
          ..."\u0440\u0441\u0442\u0443\u0444\u0445\u0446\u0447\u0448\u0449\u044a\u044b\u044c\u044d\u044e\u044f",
        ].map((ch, i) => [ch, 0xe0 + i]),
      ),
  ),
};

/**
 * A word as the bytes a console of `codePage` shows it in, as a byte string (one char per
 * byte). cmd decodes a batch line and a tool's output with the same console code page, so
 * equal bytes mean equal text on that console.
 */
export function toOemBytes(word: string, codePage: 437 | 850 | 866): string {
  let out = "";
  for (const ch of word) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      out += ch;
      continue;
    }
    const byte = oemBytes[codePage][ch];
    if (byte === undefined) throw new Error(`no code page ${codePage} byte for "${ch}"`);
    out += String.fromCharCode(byte);
  }
  return out;
}
