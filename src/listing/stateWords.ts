import type { CanonicalState } from "../options/states.js";
import { decodeOem, decodeUtf8, encodeOem, utf8Bytes, type OemCodePage } from "./codePages.js";

/** Languages whose `query session` / `query user` words we know (FORMAT-NOTES.md §5): their one home. */
export const listingLanguages = ["en", "de", "fr", "es", "it", "ru"] as const;

export type ListingLanguage = (typeof listingLanguages)[number];

/** The OEM code page the console uses for each language (FORMAT-NOTES.md §7). */
export const oemCodePageOf: Record<ListingLanguage, OemCodePage | undefined> = {
  en: undefined,
  de: "cp850",
  fr: "cp850",
  it: "cp850",
  es: "cp850",
  ru: "cp866",
};

/** One printed state word, in Unicode, with the bytes the tools really write. */
export interface StateWord {
  language: ListingLanguage;
  /** As printed, in Unicode (`Abhör.`). */
  word: string;
  state: CanonicalState;
  /** The word's UTF-8 bytes as a byte string (what a UTF-8 copy of the output holds). */
  utf8: string;
  /** The word's bytes in the language's OEM code page (what the console tool writes). */
  oem: string;
}

/**
 * [language, word, state] as printed by qwinsta/quser. Sources: FORMAT-NOTES.md §5, the
 * recorded samples, and listings found outside the reference folder (cited at their entries);
 * the English `ConnQ`, `Shadow`, `Idle`, `Reset`, `Init` are the WTS_CONNECTSTATE_CLASS short
 * names, never seen in recorded output (listed so a row in such a state is still recognised,
 * not dropped).
 */
const printedStates: readonly (readonly [ListingLanguage, string, CanonicalState])[] = [
  ["en", "Active", "active"],
  ["en", "Conn", "connected"],
  ["en", "ConnQ", "connectQuery"],
  ["en", "Shadow", "shadow"],
  ["en", "Disc", "disconnected"],
  ["en", "Idle", "idle"],
  ["en", "Listen", "listen"],
  ["en", "Reset", "reset"],
  ["en", "Down", "down"],
  ["en", "Init", "init"],
  ["de", "Aktiv", "active"],
  ["de", "Verb.", "connected"],
  ["de", "Getr.", "disconnected"],
  ["de", "Abhör.", "listen"],
  ["fr", "Actif", "active"],
  ["fr", "Conn", "connected"],
  ["fr", "Déco", "disconnected"],
  ["fr", "Écouter", "listen"],
  ["it", "Attivo", "active"],
  ["it", "Conn", "connected"],
  ["it", "Disc", "disconnected"],
  ["it", "Rimani in ascolto", "listen"],
  ["es", "Activo", "active"],
  ["es", "Desc", "disconnected"],
  // Spanish `Conn` (console) and `Escuchar` (rdp-tcp 65536): the qwinsta listing in
  // fixtures/query-session/qwinsta-es-remote-multiword-header-active-disc-blank-sessionname.txt
  // (a public GitHub markdown note, code-index id 19156706962; not in the reference folder).
  ["es", "Conn", "connected"],
  ["es", "Escuchar", "listen"],
  ["ru", "Активно", "active"],
  ["ru", "Подключено", "connected"],
  ["ru", "Диск", "disconnected"],
  ["ru", "Прием", "listen"],
];

/**
 * Every known state word with its UTF-8 and OEM byte spellings. Exported so script generators
 * can emit byte-exact comparisons for a language instead of guessing the encoding.
 */
export const stateWords: readonly StateWord[] = printedStates.map(([language, word, state]) => {
  const codePage = oemCodePageOf[language];
  let oem: string | undefined;
  return {
    language,
    word,
    state,
    utf8: utf8Bytes(word),
    // Encoded when first read: reading a listing (`rdlogoff simulate`) loads this table but
    // reads no OEM spelling, and encoding loads the code-page tables.
    get oem(): string {
      return (oem ??= codePage ? encodeOem(word, codePage) : word);
    },
  };
});

/**
 * The canonical state a printed state word means, or undefined for an unknown word. The word may
 * be a byte string in UTF-8 or in the language's OEM code page, or plain Unicode; the match is
 * case-insensitive (on the decoded text, so `ABHÖR.` matches in any of the three forms).
 */
export function canonicalState(word: string): CanonicalState | undefined {
  const asUtf8 = decodeUtf8(word)?.toLowerCase();
  const asIs = word.toLowerCase();
  const isBytes = !/[\u0100-\uffff]/.test(word);
  const found = stateWords.find((entry) => {
    const want = entry.word.toLowerCase();
    if (asIs === want || asUtf8 === want) return true;
    const codePage = oemCodePageOf[entry.language];
    return isBytes && codePage !== undefined && decodeOem(word, codePage).toLowerCase() === want;
  });
  return found?.state;
}
