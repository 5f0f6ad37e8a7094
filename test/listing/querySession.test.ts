import { describe, expect, it } from "vitest";
import { encodeOem, ListingError, parseQuerySession } from "../../src/listing/index.js";

const narrowHeader = " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE";
const wideHeader =
  " SESSIONNAME               USERNAME                 ID  STATE   TYPE        DEVICE ";

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
      name: "three titles before ID",
      text: " SESSION NAME      USERNAME                 ID  STATE\n",
      want: 'line 1: unknown header: expected two column titles before ID, found 3 in "SESSION NAME      USERNAME                 ID  STATE"',
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
  ];
  it.each(cases)("$name", ({ text, want }) => {
    expect(parseQuerySession(text)).toEqual(want);
  });
});
