import type { CanonicalState } from "../options/states.js";

/**
 * Thrown for text that is not a listing of the expected tool (error output, garbage, an unknown
 * header layout, a row without a valid session ID). `line` is 1-based.
 */
export class ListingError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = "ListingError";
  }
}

/**
 * `narrow`: the classic grid (USERNAME at column 19, ID ending at 45), Server 2003 to Windows 11
 * 22621; `wide`: the newer grid (USERNAME at 27, ID ending at 53). FORMAT-NOTES.md §1-2.
 */
export type QuerySessionLayout = "narrow" | "wide";

/**
 * Fields every parsed row carries. Text fields are byte strings in the listing's own encoding
 * (UTF-8 or an OEM code page), because scripts compare bytes.
 */
export interface ListingRowBase {
  /** SESSIONNAME; "" when blank (disconnected RDP sessions, `Down` rows). */
  name: string;
  /** USERNAME; "" when blank (services, listeners, a console without a user). */
  user: string;
  id: number;
  /** The state as printed (`Disc`, `Abhör.`, `Rimani in ascolto`). */
  stateWord: string;
  /** The canonical state, or undefined when the printed word is not in the table. */
  state: CanonicalState | undefined;
  /** The row carries the `>` marker: it is the session the command ran in. */
  current: boolean;
  /** 1-based line number in the text. */
  line: number;
  /**
   * Where the ID's last digit sits relative to the grid: 0 on the grid, -1 when the paste lost
   * the leading marker column, anything else when the source altered the spacing (anonymised
   * names, re-spaced pastes; INDEX.md says which).
   */
  columnShift: number;
}

/** One `query session` row. */
export interface SessionRow extends ListingRowBase {
  /** TYPE (`wdcon`, `rdpwd`, `wdica`); "" when blank, as on every Vista+ sample. */
  type: string;
}

/** A parsed `query session` listing. */
export interface QuerySessionListing {
  layout: QuerySessionLayout;
  /** False for a paste without the header line (layout then comes from the rows). */
  header: boolean;
  rows: SessionRow[];
}

/** One `query user` row. */
export interface QueryUserRow extends ListingRowBase {
  /** IDLE TIME as printed: `.`, `7`, `1:39`, `1+00:53`, `*`, `none`, `Kein`, `отсутствует`… */
  idleText: string;
  /** Idle minutes (`.` is 0), or undefined for the "no idle" words, `*` and unknown forms. */
  idleMinutes: number | undefined;
  /** LOGON TIME as printed (culture-specific short date and time). */
  logonTime: string;
}

/** A parsed `query user` listing. */
export interface QueryUserListing {
  header: boolean;
  rows: QueryUserRow[];
}
