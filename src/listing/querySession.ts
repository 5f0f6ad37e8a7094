import {
  cutRow,
  hasIdAnchor,
  idTitle,
  listingContent,
  restFields,
  hasIdAt,
  stateOf,
  tokens,
  trimSpaces,
  type CellLine,
  type RowGrid,
} from "./grid.js";
import {
  ListingError,
  type QuerySessionLayout,
  type QuerySessionListing,
  type SessionRow,
} from "./types.js";

const tool = "query session";

/** Column grids of the two layouts, in columns counted with the marker column (FORMAT-NOTES §1-2). */
export const querySessionGrids: Record<QuerySessionLayout, RowGrid & { stateStart: number }> = {
  narrow: {
    firstTitle: "SESSIONNAME",
    secondTitle: "USERNAME",
    secondStart: 19,
    idEnd: 45,
    stateStart: 48,
  },
  wide: {
    firstTitle: "SESSIONNAME",
    secondTitle: "USERNAME",
    secondStart: 27,
    idEnd: 53,
    stateStart: 56,
  },
};

/** ID end of `query user`'s grid, named in the message when such text is given to this parser. */
const queryUserIdEnd = 43;

/**
 * Parses `query session` (qwinsta) output, independently of any generated script, so fixtures
 * can be checked against it. Column positions come from the header (any language: the titles
 * are translated, the grid is not), or, for a header-less paste, from the rows' IDs. Each row is
 * anchored on its ID; exactly one marker column is stripped and nothing is trimmed before the
 * cut, because a blank SESSIONNAME is only spaces. `/COUNTER` footer lines after the table and
 * blank lines are skipped. A line that lost its leading space in a paste (column 0 is text) gets
 * the marker column back and counts as not current. Throws ListingError for anything else.
 */
export function parseQuerySession(text: string): QuerySessionListing {
  const { content, first } = listingContent(text, tool);
  const header = idTitle(first.cells) !== undefined && !hasIdAnchor(first.cells);
  const layout = header ? headerLayout(first) : rowLayout(content);
  const grid = querySessionGrids[layout];
  const rows: SessionRow[] = [];
  let footerLine: number | undefined;
  for (const line of content.slice(header ? 1 : 0)) {
    if (rows.length > 0 && isCounterFooter(line)) {
      footerLine ??= line.number;
      continue;
    }
    if (footerLine !== undefined) {
      throw new ListingError(line.number, `text after the /COUNTER footer (line ${footerLine})`);
    }
    const { first: name, second: user, rest, ...place } = cutRow(line, grid, tool);
    const [stateWord = "", type = ""] = restFields(rest);
    rows.push({ name, user, ...stateOf(stateWord), type, ...place });
  }
  if (rows.length === 0) {
    throw new ListingError(first.number, `a ${tool} header without any session row`);
  }
  return { layout, header, rows };
}

/**
 * The layout a header line announces. Query session titles are single words (`SESSIONNAME`,
 * `СЕАНС`, `SITZUNGSNAME`), so the two before `ID` give the first two column starts.
 */
function headerLayout(line: CellLine): QuerySessionLayout {
  const titles = tokens(line.cells);
  const idIndex = titles.findIndex((title) => /^ID\.?$/.test(title.text));
  const [name, user] = titles;
  const id = titles[idIndex];
  const state = titles[idIndex + 1];
  if (idIndex !== 2 || name === undefined || user === undefined || id === undefined) {
    throw new ListingError(
      line.number,
      `unknown header: expected two column titles before ID, found ${idIndex} in "${trimSpaces(line.cells.join(""))}"`,
    );
  }
  if (name.start > 1) {
    throw new ListingError(
      line.number,
      `unknown header: the first title starts at column ${name.start}, not 1`,
    );
  }
  // A header pasted without its leading space is one column left of the grid.
  const shift = 1 - name.start;
  const at = {
    user: user.start + shift,
    idEnd: id.start + 1 + shift,
    state: state === undefined ? undefined : state.start + shift,
  };
  const layout = (["narrow", "wide"] as const).find((candidate) => {
    const grid = querySessionGrids[candidate];
    return at.user === grid.secondStart && at.idEnd === grid.idEnd && at.state === grid.stateStart;
  });
  if (layout === undefined) {
    const hint = at.idEnd === queryUserIdEnd ? " (43 is where query user puts it)" : "";
    throw new ListingError(
      line.number,
      `unknown header layout: USERNAME at column ${at.user}, ID ending at ${at.idEnd}${hint}, STATE at ${at.state ?? "none"}; query session prints 19/45/48 (narrow) or 27/53/56 (wide)`,
    );
  }
  return layout;
}

/** Layout of a header-less paste: the grid that at least one row's ID sits on. */
function rowLayout(lines: readonly CellLine[]): QuerySessionLayout {
  const layout = (["narrow", "wide"] as const).find((candidate) =>
    lines.some((line) => hasIdAt(line.cells, querySessionGrids[candidate].idEnd)),
  );
  if (layout === undefined) {
    const firstLine = lines[0];
    throw new ListingError(
      firstLine?.number ?? 1,
      `not ${tool} output: no header line (a line with an ID title), and no row has its ID ending at column 45 (narrow) or 53 (wide)`,
    );
  }
  return layout;
}

/**
 * A `/COUNTER` summary line (`Total sessions created: 5`, `Nombre total … : 13`): text from
 * column 0, a colon, a number. Session rows never end in `: digits`.
 */
function isCounterFooter(line: CellLine): boolean {
  const text = line.cells.join("");
  return /^[^ >]/.test(text) && /[^ ] ?: ?[0-9]+ *$/.test(text);
}
