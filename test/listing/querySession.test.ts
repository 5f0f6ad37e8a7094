import { describe, expect, it } from "vitest";
import { encodeOem, ListingError, parseQuerySession, utf8Bytes } from "../../src/listing/index.js";

const narrowHeader = " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE";
const wideHeader =
  " SESSIONNAME               USERNAME                 ID  STATE   TYPE        DEVICE ";
/** Spanish header (code-index ids 19156706962, 2040275446): titles of several words. */
const spanishHeader =
  " NOMBRE DE SESIÓN  NOMBRE DE USUARIO        ID  ESTADO    TIPO   DISPOSITIVO";
/** The same, widened as the English wide header is (constructed: no Spanish wide output seen). */
const spanishWideHeader =
  " NOMBRE DE SESIÓN          NOMBRE DE USUARIO        ID  ESTADO    TIPO   DISPOSITIVO ";

/** A row as the parser returns it, with the defaults of a plain narrow row. */
function row(fields: Partial<ReturnType<typeof parseQuerySession>["rows"][number]>) {
  return {
    name: "",
    user: "",
    id: 0,
    stateWord: "",
    state: undefined,
    type: "",
    current: false,
    line: 2,
    columnShift: 0,
    ...fields,
  };
}

/** The ListingError message parseQuerySession throws, or "no error". */
function errorOf(text: string): string {
  try {
    parseQuerySession(text);
  } catch (error) {
    if (error instanceof ListingError) return error.message;
    throw error;
  }
  return "no error";
}

describe("parseQuerySession rejects what is not a listing", () => {
  const cases: { name: string; text: string; want: string }[] = [
    { name: "empty text", text: "", want: "line 1: empty text: not query session output" },
    {
      name: "only blank lines",
      text: "\r\n   \r\n",
      want: "line 1: empty text: not query session output",
    },
    {
      name: "access denied (two-line error)",
      text: "Error 0x00000005 enumerating sessionnames\r\nError [5]:Access is denied.\r\n",
      want: 'line 1: not a listing: the tool\'s error message "Error 0x00000005 enumerating sessionnames"',
    },
    {
      name: "Russian error in CP866 bytes",
      text: encodeOem("Ошибка [5]:Отказано в доступе\r\n", "cp866"),
      want: `line 1: not a listing: the tool's error message "${encodeOem("Ошибка [5]:Отказано в доступе", "cp866")}"`,
    },
    {
      name: "nobody there, after a blank line",
      text: "\r\nNo session exists for *\r\n",
      want: 'line 2: not a listing: the tool\'s error message "No session exists for *"',
    },
    {
      name: "garbage",
      text: "hello world\n",
      want: "line 1: not query session output: no header line (a line with an ID title), and no row has its ID ending at column 45 (narrow) or 53 (wide)",
    },
    {
      name: "header of the MS docs illustration (not real spacing)",
      text: " SESSIONNAME     USERNAME        ID STATE    TYPE    DEVICE\n console         Administrator1  0 active    wdcon\n",
      want: "line 1: unknown header layout: USERNAME at column 17, ID ending at 34, STATE at 36; query session prints 19/45/48 (narrow) or 27/53/56 (wide)",
    },
    {
      name: "header indented by four spaces",
      text: "    SESSIONNAME       USERNAME                 ID  STATE\n",
      want: "line 1: unknown header: the first title starts at column 4, not 1",
    },
    {
      name: "three column titles before ID",
      text: " SESSIONNAME       USERNAME  X              ID  STATE\n",
      want: 'line 1: unknown header: expected two column titles before ID, found 3 in "SESSIONNAME       USERNAME  X              ID  STATE"',
    },
    {
      // Titles of several words are read by position: this one is on the narrow grid.
      name: "two-word first title on the grid, without rows",
      text: " SESSION NAME      USERNAME                 ID  STATE\n",
      want: "line 1: a query session header without any session row",
    },
    {
      name: "multi-word header off the grid: second title one column right",
      text: utf8Bytes(
        " NOMBRE DE SESIÓN   NOMBRE DE USUARIO       ID  ESTADO\n services                                    0  Desc\n",
      ),
      want: "line 1: unknown header layout: USERNAME at column 20, ID ending at 45, STATE at 48; query session prints 19/45/48 (narrow) or 27/53/56 (wide)",
    },
    {
      name: "multi-word header off the grid: ID one column right",
      text: utf8Bytes(
        " NOMBRE DE SESIÓN  NOMBRE DE USUARIO         ID  ESTADO\n services                                    0  Desc\n",
      ),
      want: "line 1: unknown header layout: USERNAME at column 19, ID ending at 46, STATE at 49; query session prints 19/45/48 (narrow) or 27/53/56 (wide)",
    },
    {
      name: "multi-word header with ID glued to the title before it",
      text: utf8Bytes(
        " NOMBRE DE SESIÓN  NOMBRE DE USUARIO      X ID  ESTADO\n services                                    0  Desc\n",
      ),
      want: `line 1: unknown header: ID is not a column title of its own ("X ID") in "${utf8Bytes("NOMBRE DE SESIÓN  NOMBRE DE USUARIO      X ID  ESTADO")}"`,
    },
    {
      name: "query user output",
      text: " USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME\n>bob                   console             1  Active      none   7/13/2018 11:26 AM\n",
      want: "line 1: unknown header layout: USERNAME at column 23, ID ending at 43 (43 is where query user puts it), STATE at 46; query session prints 19/45/48 (narrow) or 27/53/56 (wide)",
    },
    {
      name: "header without rows",
      text: `${narrowHeader}\r\n`,
      want: "line 1: a query session header without any session row",
    },
    {
      name: "row without an ID",
      text: `${narrowHeader}\n console           bob                          Active\n`,
      want: 'line 2: not a query session row: no session ID (a bare integer followed by two spaces and a state word) in "console           bob                          Active"',
    },
    {
      name: "ID glued to a letter",
      text: `${narrowHeader}\n services                                   x0  Disc\n`,
      want: 'line 2: not a query session row: no session ID (a bare integer followed by two spaces and a state word) in "services                                   x0  Disc"',
    },
    {
      name: "ID with a leading zero",
      text: `${narrowHeader}\n rdp-tcp#1         bob                      07  Active\n`,
      want: 'line 2: bad session ID "07": not a session number (0 to 4294967295, no leading zeros)',
    },
    {
      name: "ID wider than 32 bits",
      text: `${narrowHeader}\n rdp-tcp           x                99999999999  Listen\n`,
      want: 'line 2: bad session ID "99999999999": not a session number (0 to 4294967295, no leading zeros)',
    },
    {
      name: "ID inside the USERNAME column",
      text: `${narrowHeader}\n console   5  Active\n`,
      want: 'line 2: bad session ID "5": it ends at column 11, inside the USERNAME column (the ID column ends at 45)',
    },
    {
      name: "session name not at column 1",
      text: `${narrowHeader}\n  console          bob                       1  Active\n`,
      want: "line 2: text at column 2 is not aligned to the SESSIONNAME column (which starts at 1)",
    },
    {
      name: "session name running into the user column",
      text: `${narrowHeader}\n averyveryverylongname                      1  Active\n`,
      want: "line 2: the SESSIONNAME column runs into the next column at 19",
    },
    {
      name: "row after the /COUNTER footer",
      text: `${narrowHeader}\n services                                    0  Disc\nTotal sessions created: 3\n console                                     1  Conn\n`,
      want: "line 4: text after the /COUNTER footer (line 3)",
    },
  ];
  it.each(cases)("$name", ({ text, want }) => {
    expect(errorOf(text)).toBe(want);
  });
});

describe("parseQuerySession reads", () => {
  const cases: { name: string; text: string; want: ReturnType<typeof parseQuerySession> }[] = [
    {
      name: "English /COUNTER footer and a blank line",
      text: `${narrowHeader}\n services                                    0  Disc\n\n>console           bob                       1  Active\nTotal sessions created: 3\nTotal sessions disconnected: 1\nTotal sessions reconnected: 0\n`,
      want: {
        layout: "narrow",
        header: true,
        rows: [
          {
            name: "services",
            user: "",
            id: 0,
            stateWord: "Disc",
            state: "disconnected",
            type: "",
            current: false,
            line: 2,
            columnShift: 0,
          },
          {
            name: "console",
            user: "bob",
            id: 1,
            stateWord: "Active",
            state: "active",
            type: "",
            current: true,
            line: 4,
            columnShift: 0,
          },
        ],
      },
    },
    {
      name: "header-less wide paste with a blank-named current row",
      text: ">                          ghili                     1  Disc\r\n rdp-tcp                                         65537  Listen\r\n",
      want: {
        layout: "wide",
        header: false,
        rows: [
          {
            name: "",
            user: "ghili",
            id: 1,
            stateWord: "Disc",
            state: "disconnected",
            type: "",
            current: true,
            line: 1,
            columnShift: 0,
          },
          {
            name: "rdp-tcp",
            user: "",
            id: 65537,
            stateWord: "Listen",
            state: "listen",
            type: "",
            current: false,
            line: 2,
            columnShift: 0,
          },
        ],
      },
    },
    {
      name: "wide header, unknown state word, user with a space",
      text: `${wideHeader}\r\n rdp-tcp#2                 ben bolen                 2  Weird   rdpwd       \r\n`,
      want: {
        layout: "wide",
        header: true,
        rows: [
          {
            name: "rdp-tcp#2",
            user: "ben bolen",
            id: 2,
            stateWord: "Weird",
            state: undefined,
            type: "rdpwd",
            current: false,
            line: 2,
            columnShift: 0,
          },
        ],
      },
    },
    {
      // CP866 `а` is byte 0xA0, which String.trim() would take for a no-break space.
      name: "CP866 user name ending in а, next to Активно",
      text: encodeOem(
        " СЕАНС             ПОЛЬЗОВАТЕЛЬ             ID  СТАТУС  ТИП         УСТР-ВО\r\n>rdp-tcp#0         Анна                      2  Активно\r\n",
        "cp866",
      ),
      want: {
        layout: "narrow",
        header: true,
        rows: [
          {
            name: "rdp-tcp#0",
            user: encodeOem("Анна", "cp866"),
            id: 2,
            stateWord: encodeOem("Активно", "cp866"),
            state: "active",
            type: "",
            current: true,
            line: 2,
            columnShift: 0,
          },
        ],
      },
    },
    {
      // Lines 6, 10 and 20 of the note in code-index id 19156706962 (qwinsta /server:, UTF-8).
      name: "Spanish header with multi-word titles (UTF-8 copy)",
      text: utf8Bytes(
        `${spanishHeader}\n rdp-tcp#80        jcalderon                 5  Activo\n                   ljimenez                  8  Desc\n rdp-tcp                                 65536  Escuchar\n`,
      ),
      want: {
        layout: "narrow",
        header: true,
        rows: [
          row({
            name: "rdp-tcp#80",
            user: "jcalderon",
            id: 5,
            stateWord: "Activo",
            state: "active",
          }),
          row({ user: "ljimenez", id: 8, stateWord: "Desc", state: "disconnected", line: 3 }),
          row({ name: "rdp-tcp", id: 65536, stateWord: "Escuchar", state: "listen", line: 4 }),
        ],
      },
    },
    {
      name: "Spanish header in CP850 bytes (Ó is 0xE0), console Conn",
      text: encodeOem(
        `${spanishHeader}\r\n console                                     1  Conn\r\n`,
        "cp850",
      ),
      want: {
        layout: "narrow",
        header: true,
        rows: [row({ name: "console", id: 1, stateWord: "Conn", state: "connected" })],
      },
    },
    {
      // Code-index id 1626038829 (2016 blog post): every line lost its leading space.
      name: "Spanish header and rows without their leading space, TYPE filled",
      text: utf8Bytes(
        `${spanishHeader.slice(1)}\nconsole                                     0  Conn    wdcon\nrdp-tcp                                 65536  Escuchar  rdpwd\n`,
      ),
      want: {
        layout: "narrow",
        header: true,
        rows: [
          row({
            name: "console",
            stateWord: "Conn",
            state: "connected",
            type: "wdcon",
            columnShift: -1,
          }),
          row({
            name: "rdp-tcp",
            id: 65536,
            stateWord: "Escuchar",
            state: "listen",
            type: "rdpwd",
            line: 3,
            columnShift: -1,
          }),
        ],
      },
    },
    {
      name: "Spanish multi-word header widened to the wide grid (constructed)",
      text: encodeOem(
        `${spanishWideHeader}\r\n                           marcoalt                 19  Desc    \r\n`,
        "cp850",
      ),
      want: {
        layout: "wide",
        header: true,
        rows: [row({ user: "marcoalt", id: 19, stateWord: "Desc", state: "disconnected" })],
      },
    },
  ];
  it.each(cases)("$name", ({ text, want }) => {
    expect(parseQuerySession(text)).toEqual(want);
  });
});
