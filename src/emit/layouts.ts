/**
 * The column offsets the safe scripts read `query session` and `query user` by, computed from
 * the listing grids (src/listing/querySession.ts, FORMAT-NOTES §1-2), their one home. Offsets
 * count from 0 at the marker column, as cmd's %VAR:~n,m% and .NET's Substring do.
 */
import { headerPrefix, querySessionGrids } from "../listing/querySession.js";
import { listingLanguages } from "../listing/stateWords.js";
import { queryUserGrid } from "../listing/queryUser.js";
import type { QuerySessionLayout } from "../listing/types.js";

/** Where one layout's fields are, for the templates. */
export interface LayoutOffsets {
  /** The `ID` title of the header: its first column. */
  headerId: number;
  nameWidth: number;
  userStart: number;
  idStart: number;
  /** The ID's last column (the field is right-aligned and 7 wide). */
  idEnd: number;
  /** The two spaces between ID and state. */
  gapStart: number;
  stateStart: number;
  /** Where a row ends: STATE, TYPE and DEVICE are 8, 12 and 12 wide; nothing follows them. */
  rowEnd: number;
}

/** query prints lines of at most 84 characters (FORMAT-NOTES §1-2); a longer line is not a listing. */
export const listingLineLimit = 120;

function offsetsOf(layout: QuerySessionLayout): LayoutOffsets {
  const grid = querySessionGrids[layout];
  return {
    headerId: grid.idEnd - 1,
    nameWidth: grid.secondStart - 1,
    userStart: grid.secondStart,
    idStart: grid.idEnd - 6,
    idEnd: grid.idEnd,
    gapStart: grid.idEnd + 1,
    stateStart: grid.stateStart,
    rowEnd: grid.stateStart + 32,
  };
}

/** The offsets of both layouts of `query session`. */
export const querySessionOffsets: Record<QuerySessionLayout, LayoutOffsets> = {
  narrow: offsetsOf("narrow"),
  wide: offsetsOf("wide"),
};

/** Where `query user`'s ID and IDLE TIME are (a number ends at 62, a word starts at 56). */
export const queryUserOffsets = {
  headerId: queryUserGrid.idEnd - 1,
  idStart: queryUserGrid.idEnd - 6,
  idleStart: 54,
  idleWidth: 12,
  /** The columns either side of IDLE TIME (54-62): blank unless a time overflows it. */
  gapBefore: 53,
  gapAfter: 63,
};

/**
 * Per layout, the header text before `ID` in every known language (Unicode): a safe script
 * understands a header only when it starts with one of these.
 */
export const querySessionHeaderPrefixes: Record<QuerySessionLayout, string[]> = {
  narrow: listingLanguages.map((language) => headerPrefix(language, "narrow")),
  wide: listingLanguages.map((language) => headerPrefix(language, "wide")),
};
