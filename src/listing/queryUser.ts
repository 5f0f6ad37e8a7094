import {
  cutRow,
  hasIdAnchor,
  hasIdAt,
  idTitle,
  listingContent,
  stateOf,
  tokens,
  trimEndSpaces,
  trimSpaces,
  type CellLine,
  type RowGrid,
} from "./grid.js";
import { ListingError, type QueryUserListing, type QueryUserRow } from "./types.js";

const tool = "query user";

/** The one `query user` grid, with the marker column (FORMAT-NOTES.md §3). */
export const queryUserGrid: RowGrid & { stateStart: number } = {
  firstTitle: "USERNAME",
  secondTitle: "SESSIONNAME",
  secondStart: 23,
  idEnd: 43,
  stateStart: 46,
};

/**
 * Parses `query user` (quser) output the same way as `parseQuerySession`: grid from the header
 * (titles may be several words: `NOMBRE USUARIO`), rows anchored on the ID ending at column 43,
 * one marker column stripped, nothing trimmed first (user names may contain spaces). After the
 * state word come IDLE TIME (one token: digits, `.`, `*` or a "no idle" word) and LOGON TIME
 * (the rest: its format follows the culture). Throws ListingError for anything else.
 */
export function parseQueryUser(text: string): QueryUserListing {
  const { content, first } = listingContent(text, tool);
  const header = idTitle(first.cells) !== undefined && !hasIdAnchor(first.cells);
  if (header) checkHeader(first);
  else if (!content.some((line) => hasIdAt(line.cells, queryUserGrid.idEnd))) {
    throw new ListingError(
      first.number,
      `not ${tool} output: no header line (a line with an ID title), and no row has its ID ending at column ${queryUserGrid.idEnd}`,
    );
  }
  const rows = content.slice(header ? 1 : 0).map(userRow);
  if (rows.length === 0) {
    throw new ListingError(first.number, `a ${tool} header without any session row`);
  }
  return { header, rows };
}

function userRow(line: CellLine): QueryUserRow {
  const { first: user, second: name, rest, ...place } = cutRow(line, queryUserGrid, tool);
  const afterId = trimEndSpaces(rest.join(""));
  const stateWord = afterId.split(/ {2,}/)[0] ?? "";
  const times = trimSpaces(afterId.slice(stateWord.length));
  const idleText = times.split(" ")[0] ?? "";
  const logonTime = trimSpaces(times.slice(idleText.length));
  if (idleText === "" || logonTime === "") {
    throw new ListingError(line.number, `no IDLE TIME and LOGON TIME after the state word`);
  }
  return {
    name,
    user,
    ...stateOf(stateWord),
    idleText,
    idleMinutes: idleMinutes(idleText),
    logonTime,
    ...place,
  };
}

/**
 * Minutes of an IDLE TIME value: `.` (under a minute) is 0, `7`, `1:39` (h:mm), `1+00:53`
 * (days+hh:mm). Undefined for the "no idle" words (`none`, `Kein`, `aucun`, `ninguno`,
 * `отсутствует`), for `*` (meaning undocumented) and for anything else.
 */
export function idleMinutes(idleText: string): number | undefined {
  if (idleText === ".") return 0;
  const match = /^(?:(?:([0-9]+)\+)?([0-9]+):)?([0-9]+)$/.exec(idleText);
  if (match === null) return undefined;
  const [, days = "0", hours = "0", minutes = "0"] = match;
  if (match[2] !== undefined && minutes.length !== 2) return undefined;
  return (Number(days) * 24 + Number(hours)) * 60 + Number(minutes);
}

/** Checks a quser header against the grid: ID ending at 43, SESSIONNAME title at 23. */
function checkHeader(line: CellLine): void {
  const titles = tokens(line.cells);
  const firstTitle = titles[0];
  const id = idTitle(line.cells);
  if (firstTitle === undefined || id === undefined || firstTitle.start > 1) {
    throw new ListingError(line.number, `unknown header: "${trimSpaces(line.cells.join(""))}"`);
  }
  // A header pasted without its leading space is one column left of the grid.
  const shift = 1 - firstTitle.start;
  const second = titles.find((title, i) => i > 0 && title.start - (titles[i - 1]?.end ?? 0) > 2);
  const at = { second: (second?.start ?? -1) + shift, idEnd: id.start + 1 + shift };
  if (at.second !== queryUserGrid.secondStart || at.idEnd !== queryUserGrid.idEnd) {
    throw new ListingError(
      line.number,
      `unknown header layout: SESSIONNAME at column ${at.second}, ID ending at ${at.idEnd}; query user prints 23/43`,
    );
  }
}
