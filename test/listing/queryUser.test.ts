import { describe, expect, it } from "vitest";
import {
  encodeOem,
  idleMinutes,
  ListingError,
  parseQueryUser,
  utf8Bytes,
} from "../../src/listing/index.js";

const header = " USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME";

/** A quser row on the real grid: ID ending at 43, idle right-aligned to 62, logon time at 65. */
function row(idle: string): string {
  return ` ${"bob".padEnd(22)}${"rdp-tcp#1".padEnd(20)}2  ${"Active".padEnd(8)}${idle.padStart(9)}  7/26/2018 7:29 PM`;
}

describe("parseQueryUser reads every IDLE TIME form", () => {
  const cases: { idle: string; want: number | undefined }[] = [
    { idle: ".", want: 0 },
    { idle: "7", want: 7 },
    { idle: "28", want: 28 },
    { idle: "1:39", want: 99 },
    { idle: "3:11", want: 191 },
    { idle: "1+00:53", want: 1493 },
    { idle: "15+15:12", want: 22512 },
    { idle: "24692+13:29", want: 35557289 },
    { idle: "*", want: undefined },
    { idle: "none", want: undefined },
    { idle: "Kein", want: undefined },
    { idle: "aucun", want: undefined },
    { idle: "ninguno", want: undefined },
    { idle: utf8Bytes("отсутствует"), want: undefined },
    { idle: encodeOem("отсутствует", "cp866"), want: undefined },
  ];
  it.each(cases)("$idle", ({ idle, want }) => {
    const [got] = parseQueryUser(`${header}\r\n${row(idle)}\r\n`).rows;
    expect(got).toEqual({
      user: "bob",
      name: "rdp-tcp#1",
      id: 2,
      stateWord: "Active",
      state: "active",
      current: false,
      idleText: idle,
      idleMinutes: want,
      logonTime: "7/26/2018 7:29 PM",
      line: 2,
      columnShift: 0,
    });
  });
});

describe("idleMinutes rejects malformed values", () => {
  const cases: { idle: string; want: number | undefined }[] = [
    { idle: "", want: undefined },
    { idle: "1:5", want: undefined },
    { idle: "1+5", want: undefined },
    { idle: "1:05", want: 65 },
    { idle: "0", want: 0 },
  ];
  it.each(cases)("'$idle'", ({ idle, want }) => {
    expect(idleMinutes(idle)).toBe(want);
  });
});

describe("parseQueryUser rejects what is not a quser listing", () => {
  const cases: { name: string; text: string; want: string }[] = [
    {
      name: "nobody logged on",
      text: "No User exists for *\r\n",
      want: 'line 1: not a listing: the tool\'s error message "No User exists for *"',
    },
    {
      name: "query session output",
      text: " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE\n services                                    0  Disc\n",
      want: "line 1: unknown header layout: SESSIONNAME at column 19, ID ending at 45; query user prints 23/43",
    },
    {
      name: "row without idle and logon time",
      text: `${header}\n bob                   console             1  Active\n`,
      want: "line 2: no IDLE TIME and LOGON TIME after the state word",
    },
    {
      name: "header-less text off the grid",
      text: " user1              rdp-tcp#1          30  Active          .  12/11/2020 11:23\n",
      want: "line 1: not query user output: no header line (a line with an ID title), and no row has its ID ending at column 43",
    },
  ];
  it.each(cases)("$name", ({ text, want }) => {
    let got = "no error";
    try {
      parseQueryUser(text);
    } catch (error) {
      if (!(error instanceof ListingError)) throw error;
      got = error.message;
    }
    expect(got).toBe(want);
  });
});
