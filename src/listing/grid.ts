import { decodeUtf8 } from "./codePages.js";
import { errorMessageLine } from "./errorText.js";
import { canonicalState } from "./stateWords.js";
import { ListingError, type ListingRowBase } from "./types.js";

/**
 * Column machinery shared by the `query session` and `query user` parsers. Both tools print a
 * fixed grid whose only always-present anchor is a bare integer ID, right-aligned, followed by
 * two spaces and a state word (FORMAT-NOTES.md §0).
 */

/** One line of a listing split into console cells: one character each, as byte strings. */
export interface CellLine {
  number: number;
  cells: string[];
}

/**
 * Splits a byte string into lines of cells. A text that is valid UTF-8 (a copied sample) is cut
 * at UTF-8 sequence boundaries, so `Администратор` is 13 cells wide as on the console; OEM text
 * is one cell per byte. One trailing CR per line is dropped (CRLF and LF both occur).
 */
export function cellLines(text: string): CellLine[] {
  const utf8 = /[\x80-\xff]/.test(text) && decodeUtf8(text) !== undefined;
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((raw, i) => ({
    number: i + 1,
    cells: utf8 ? utf8Cells(raw.replace(/\r$/, "")) : [...raw.replace(/\r$/, "")],
  }));
}

function utf8Cells(line: string): string[] {
  const cells: string[] = [];
  for (let i = 0; i < line.length;) {
    const lead = line.charCodeAt(i);
    const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    cells.push(line.slice(i, i + length));
    i += length;
  }
  return cells;
}

/**
 * Byte-string trimming: only the space character. `String.prototype.trim` and `\s` also take
 * 0xA0, which is NBSP in Latin-1 but the letter `а` in CP866 and a UTF-8 continuation byte.
 */
export function trimSpaces(text: string): string {
  let start = 0;
  while (text.charCodeAt(start) === 32) start++;
  return trimEndSpaces(text.slice(start));
}

/**
 * Like trimSpaces, at the end only. A loop, not / +$/: the regular expression tries the run
 * from each of its spaces, quadratic on a row's padding.
 */
export function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(0, end);
}

/** True when the line is empty or only spaces (the Italian paste has empty lines). */
export function isBlank(line: CellLine): boolean {
  return line.cells.every((cell) => cell === " ");
}

/**
 * The non-blank lines of a tool's output, and the first of them. Throws ListingError when
 * there is none, or when the first is the tool's error message rather than a table.
 */
export function listingContent(
  text: string,
  tool: string,
): { content: CellLine[]; first: CellLine } {
  const content = cellLines(text).filter((line) => !isBlank(line));
  const first = content[0];
  if (first === undefined) throw new ListingError(1, `empty text: not ${tool} output`);
  const errorLine = errorMessageLine(first.cells.join(""));
  if (errorLine !== undefined) {
    throw new ListingError(first.number, `not a listing: the tool's error message "${errorLine}"`);
  }
  return { content, first };
}

/** A run of non-space cells. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** The runs of non-space cells, with their first and last column. */
export function tokens(cells: readonly string[]): Token[] {
  const found: Token[] = [];
  let start = -1;
  cells.forEach((cell, i) => {
    if (cell !== " " && start < 0) start = i;
    if (cell !== " " && (i + 1 === cells.length || cells[i + 1] === " ")) {
      found.push({ text: cells.slice(start, i + 1).join(""), start, end: i });
      start = -1;
    }
  });
  return found;
}

/** The header's `ID` title (`ID.` in Spanish quser), or undefined. */
export function idTitle(cells: readonly string[]): Token | undefined {
  return tokens(cells).find((token) => /^ID\.?$/.test(token.text));
}

/** A candidate session ID: digits with a space or line start before, two spaces and text after. */
interface IdAnchor {
  digits: string;
  start: number;
  end: number;
}

function idAnchors(cells: readonly string[]): IdAnchor[] {
  const found: IdAnchor[] = [];
  for (let end = 0; end + 3 < cells.length; end++) {
    const isDigit = (i: number): boolean => /^[0-9]$/.test(cells[i] ?? "");
    const closes =
      isDigit(end) && cells[end + 1] === " " && cells[end + 2] === " " && cells[end + 3] !== " ";
    if (!closes) continue;
    let start = end;
    while (start > 0 && isDigit(start - 1)) start--;
    if (start === 0 || cells[start - 1] === " ") {
      found.push({ digits: cells.slice(start, end + 1).join(""), start, end });
    }
  }
  return found;
}

/**
 * Cells with the marker column restored: a line whose column 0 is neither a space nor `>` lost
 * its leading space in the paste (INDEX.md flags those files), so one space is put back and the
 * row is treated as not current. Returns whether the column was restored.
 */
export function withMarkerColumn(cells: readonly string[]): { cells: string[]; restored: boolean } {
  const first = cells[0];
  if (first === undefined || first === " " || first === ">") {
    return { cells: [...cells], restored: false };
  }
  return { cells: [" ", ...cells], restored: true };
}

/** True when the line holds at least one ID anchor, i.e. could be a row. */
export function hasIdAnchor(cells: readonly string[]): boolean {
  return idAnchors(withMarkerColumn(cells).cells).length > 0;
}

/** True when the row's ID (after restoring the marker column) ends exactly at `idEnd`. */
export function hasIdAt(cells: readonly string[], idEnd: number): boolean {
  return idAnchors(withMarkerColumn(cells).cells).some((anchor) => anchor.end === idEnd);
}

/** Grid of one tool and layout, in columns counted with the marker column present. */
export interface RowGrid {
  /** Title of the column starting at 1, for messages (`SESSIONNAME`). */
  firstTitle: string;
  /** Title and start of the second column (`USERNAME` at 19). */
  secondTitle: string;
  secondStart: number;
  /** Column of the ID's last digit. */
  idEnd: number;
}

/** A row cut along the grid; `rest` is everything from the state word on. */
export interface GridRow extends Omit<ListingRowBase, "name" | "user" | "state" | "stateWord"> {
  first: string;
  second: string;
  rest: string[];
}

const maxSessionId = 0xffffffff;

/**
 * Cuts one row along the grid. The ID is the anchor on the grid column (or, for rows whose
 * spacing the source altered, the leftmost anchor); the first column is read from column 1 and
 * the second from its start column up to the ID, and any text elsewhere is an error, so a
 * shifted row can never silently move a user name into the session-name slot.
 */
export function cutRow(line: CellLine, grid: RowGrid, tool: string): GridRow {
  const { cells, restored } = withMarkerColumn(line.cells);
  const anchors = idAnchors(cells);
  const anchor = anchors.find((candidate) => candidate.end === grid.idEnd) ?? anchors[0];
  if (anchor === undefined) {
    const text = trimSpaces(line.cells.join(""));
    throw new ListingError(
      line.number,
      `not a ${tool} row: no session ID (a bare integer followed by two spaces and a state word) in "${text}"`,
    );
  }
  if (anchor.start <= grid.secondStart) {
    throw new ListingError(
      line.number,
      `bad session ID "${anchor.digits}": it ends at column ${anchor.end}, inside the ${grid.secondTitle} column (the ID column ends at ${grid.idEnd})`,
    );
  }
  if (!/^(0|[1-9][0-9]*)$/.test(anchor.digits) || Number(anchor.digits) > maxSessionId) {
    throw new ListingError(
      line.number,
      `bad session ID "${anchor.digits}": not a session number (0 to ${maxSessionId}, no leading zeros)`,
    );
  }
  const first = field(cells, 1, grid.secondStart, line.number, grid.firstTitle);
  const second = field(cells, grid.secondStart, anchor.start, line.number, grid.secondTitle);
  return {
    first,
    second,
    id: Number(anchor.digits),
    current: cells[0] === ">",
    line: line.number,
    columnShift: anchor.end - grid.idEnd - (restored ? 1 : 0),
    rest: cells.slice(anchor.end + 3),
  };
}

/** The text of a column: must start at the column's first cell and keep a space before `end`. */
function field(cells: string[], start: number, end: number, line: number, title: string): string {
  const text = trimEndSpaces(cells.slice(start, end).join(""));
  if (text === "") return "";
  if (cells[start] === " ") {
    const column = cells.findIndex((cell, i) => i > start && cell !== " ");
    throw new ListingError(
      line,
      `text at column ${column} is not aligned to the ${title} column (which starts at ${start})`,
    );
  }
  if (cells[end - 1] !== " ") {
    throw new ListingError(line, `the ${title} column runs into the next column at ${end}`);
  }
  return text;
}

/** Splits the cells after the ID into the state word and the following fields (2+ spaces apart). */
export function restFields(rest: readonly string[]): string[] {
  return trimEndSpaces(rest.join("")).split(/ {2,}/);
}

/** The state word and its canonical state from the first field after the ID. */
export function stateOf(stateWord: string): Pick<ListingRowBase, "stateWord" | "state"> {
  return { stateWord, state: canonicalState(stateWord) };
}
