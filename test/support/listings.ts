import type { ConsoleCodePage } from "../../src/listing/codePages.js";
import { encodeOem, oemCodePageOf, stateWords } from "../../src/listing/index.js";
import type { CanonicalState } from "../../src/options/states.js";
import type { Locale } from "../../src/options/types.js";
import type { ListedSession } from "../../src/validate/reference.js";

/** Headers per language, from the recorded listings (shared/reference FORMAT-NOTES §5). */
const headers: Record<Locale, [string, string, string, string, string, string]> = {
  en: ["SESSIONNAME", "USERNAME", "ID", "STATE", "TYPE", "DEVICE"],
  de: ["SITZUNGSNAME", "BENUTZERNAME", "ID", "STATUS", "TYP", "GER\u00c4T"],
  fr: ["SESSION", "UTILISATEUR", "ID", "\u00c9TAT", "TYPE", "P\u00c9RIPH\u00c9RIQUE"],
  // As recorded (qwinsta-es-remote-multiword-header-*): the safe scripts check these titles.
  es: ["NOMBRE DE SESI\u00d3N", "NOMBRE DE USUARIO", "ID", "ESTADO", "TIPO", "DISPOSITIVO"],
  it: ["NOMESESSIONE", "NOMEUTENTE", "ID", "STATO", "TIPO", "DISPOSITIVO"],
  ru: [
    "\u0421\u0415\u0410\u041d\u0421",
    "\u041f\u041e\u041b\u042c\u0417\u041e\u0412\u0410\u0422\u0415\u041b\u042c",
    "ID",
    "\u0421\u0422\u0410\u0422\u0423\u0421",
    "\u0422\u0418\u041f",
    "\u0423\u0421\u0422\u0420-\u0412\u041e",
  ],
};

/** The state word a listing in `locale` prints; English for states the language was never seen with. */
export function stateWordFor(locale: Locale, state: CanonicalState): string {
  const find = (language: Locale) =>
    stateWords.find((w) => w.language === language && w.state === state)?.word;
  return find(locale) ?? find("en") ?? "Down";
}

export type Layout = "narrow" | "wide";

/**
 * A `query session` listing as the real tool prints it (FORMAT-NOTES §1-§2 grid), in the
 * bytes of the language's console code page (one char per byte), CRLF.
 */
export function renderQuerySession(
  sessions: readonly ListedSession[],
  options: { layout: Layout; locale: Locale; trailingSpaces?: boolean; counterFooter?: boolean },
): string {
  const nameWidth = options.layout === "wide" ? 26 : 18;
  const idEnd = options.layout === "wide" ? 53 : 45;
  const h = headers[options.locale];
  const header = ` ${h[0].padEnd(nameWidth)}${h[1].padEnd(idEnd - 1 - (1 + nameWidth))}${h[2].padStart(2)}  ${h[3].padEnd(8)}${h[4].padEnd(12)}${h[5]}`;
  const lines = [header];
  for (const s of sessions) {
    const marker = s.current ? ">" : " ";
    const left = `${marker}${s.name.padEnd(nameWidth)}${s.user.padEnd(20)}`;
    const id = String(s.id).padStart(idEnd + 1 - left.length);
    let line = `${left}${id}  ${stateWordFor(options.locale, s.state ?? "down")}`;
    if (options.trailingSpaces) line = line.padEnd(84);
    lines.push(line);
  }
  if (options.counterFooter)
    lines.push("Total sessions created: 5", "Total sessions disconnected: 2");
  return consoleBytes(lines.join("\r\n") + "\r\n", options.locale);
}

/** The code page of a console in the language: its OEM code page, or 437 (US English). */
export function consoleCodePageFor(locale: Locale): ConsoleCodePage {
  const codePage = oemCodePageOf[locale];
  return codePage === "cp850" ? 850 : codePage === "cp866" ? 866 : 437;
}

/** Text in the bytes of the language's console code page (one char per byte). */
export function consoleBytes(text: string, locale: Locale): string {
  const codePage = oemCodePageOf[locale];
  return codePage ? encodeOem(text, codePage) : text;
}

/** One session row for renderQuerySession. */
export const session = (
  name: string,
  user: string,
  id: number,
  state: ListedSession["state"],
  current = false,
): ListedSession => ({ name, user, id, state, current });
