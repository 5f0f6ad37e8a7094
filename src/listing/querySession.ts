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
  type Token,
} from "./grid.js";
import type { ListingLanguage } from "./stateWords.js";
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

/**
 * The two column titles before `ID` in each known language, as the recorded headers print them
 * (fixtures/query-session/, one recording per language). A safe script accepts a header only
 * when these titles stand on the grid: a header in another language (Dutch `SESSIENAAM`) has
 * state words no script knows.
 */
export const querySessionTitles: Record<ListingLanguage, { name: string; user: string }> = {
  en: { name: "SESSIONNAME", user: "USERNAME" },
  de: { name: "SITZUNGSNAME", user: "BENUTZERNAME" },
  fr: { name: "SESSION", user: "UTILISATEUR" },
  es: { name: "NOMBRE DE SESIÓN", user: "NOMBRE DE USUARIO" },
  it: { name: "NOMESESSIONE", user: "NOMEUTENTE" },
  ru: { name: "СЕАНС", user: "ПОЛЬЗОВАТЕЛЬ" },
};

/**
 * A header's text before its `ID` title in one language and layout (Unicode, one character a
 * console cell): the marker column, then the two titles at their grid columns.
 */
export function headerPrefix(language: ListingLanguage, layout: QuerySessionLayout): string {
  const { name, user } = querySessionTitles[language];
  const grid = querySessionGrids[layout];
  return ` ${name.padEnd(grid.secondStart - 1)}${user.padEnd(grid.idEnd - 1 - grid.secondStart)}`;
}

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
 * The column titles of a header line: runs of words one space apart, two or more spaces between
 * titles. A title may be several words (`NOMBRE DE SESIÓN`, `NOMBRE DE USUARIO`).
 */
function columnTitles(cells: readonly string[]): Token[] {
  const titles: Token[] = [];
  for (const word of tokens(cells)) {
    const last = titles.at(-1);
    if (last !== undefined && word.start === last.end + 2) {
      titles[titles.length - 1] = {
        text: `${last.text} ${word.text}`,
        start: last.start,
        end: word.end,
      };
    } else {
      titles.push(word);
    }
  }
  return titles;
}

/**
 * The layout a header line announces, from where its titles sit on the grid, not from how many
 * words they have: the first title starts at column 1, the second at 19 (narrow) or 27 (wide),
 * `ID` ends at 45 or 53, and the state title starts at 48 or 56 (FORMAT-NOTES §1-2). Titles are
 * translated and may be several words (`NOMBRE DE SESIÓN  NOMBRE DE USUARIO        ID  ESTADO`);
 * exactly two column titles stand before `ID`. TYPE and DEVICE are not checked (the Spanish
 * header puts `TIPO` at 58, not 56).
 */
function headerLayout(line: CellLine): QuerySessionLayout {
  const words = tokens(line.cells);
  const titles = columnTitles(line.cells);
  const [name] = titles;
  if (name === undefined) {
    throw new ListingError(line.number, "unknown header: no column titles");
  }
  if (name.start > 1) {
    throw new ListingError(
      line.number,
      `unknown header: the first title starts at column ${name.start}, not 1`,
    );
  }
  // A header pasted without its leading space is one column left of the grid.
  const shift = 1 - name.start;
  const layoutAt = (idEnd: number): QuerySessionLayout | undefined =>
    (["narrow", "wide"] as const).find((candidate) => querySessionGrids[candidate].idEnd === idEnd);
  const ids = words.filter((word) => /^ID\.?$/.test(word.text));
  // `ID` is right-aligned over the IDs (its `D` is the last digit's column); a `.` runs past it.
  const id = ids.find((word) => layoutAt(word.start + 1 + shift) !== undefined) ?? ids[0];
  if (id === undefined) {
    throw new ListingError(line.number, "unknown header: no ID title");
  }
  const before = titles.filter((title) => title.end < id.start);
  const user = titles[1];
  if (before.length !== 2 || user === undefined) {
    throw new ListingError(
      line.number,
      `unknown header: expected two column titles before ID, found ${before.length} in "${trimSpaces(line.cells.join(""))}"`,
    );
  }
  const state = words.find((word) => word.start > id.end);
  const at = {
    user: user.start + shift,
    idEnd: id.start + 1 + shift,
    state: state === undefined ? undefined : state.start + shift,
  };
  const layout = layoutAt(at.idEnd);
  const grid = layout === undefined ? undefined : querySessionGrids[layout];
  if (
    layout === undefined ||
    grid === undefined ||
    at.user !== grid.secondStart ||
    at.state !== grid.stateStart
  ) {
    const hint = at.idEnd === queryUserIdEnd ? " (43 is where query user puts it)" : "";
    throw new ListingError(
      line.number,
      `unknown header layout: USERNAME at column ${at.user}, ID ending at ${at.idEnd}${hint}, STATE at ${at.state ?? "none"}; query session prints 19/45/48 (narrow) or 27/53/56 (wide)`,
    );
  }
  const idColumn = titles[2];
  if (idColumn?.start !== id.start || idColumn.end !== id.end) {
    throw new ListingError(
      line.number,
      `unknown header: ID is not a column title of its own ("${idColumn?.text ?? ""}") in "${trimSpaces(line.cells.join(""))}"`,
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
