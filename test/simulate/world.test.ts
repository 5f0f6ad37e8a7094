import { describe, expect, test } from "vitest";
import type { ProcessResult } from "../../src/simulate/types.js";
import {
  createSessionWorld,
  logoffNotFoundText,
  rpcUnavailableText,
  WorldSetupError,
} from "../../src/simulate/world.js";

const out = (stdout: string): ProcessResult => ({ stdout, stderr: "", exitCode: 0 });
const local = out(" SESSIONNAME  USERNAME  ID  STATE\r\n services         0  Disc\r\n");
const remote1 = out("first\r\n");
const remote2 = out("second\r\n");
const users = out(" USERNAME  SESSIONNAME  ID  STATE\r\n");

function world() {
  return createSessionWorld({
    servers: {
      "": { querySession: local, queryUser: users, sessionIds: [0, 2] },
      rdsh02: { querySession: [remote1, remote2], sessionIds: [5] },
    },
  });
}

describe("createSessionWorld routing", () => {
  const rows: {
    name: string;
    program: string;
    tail: string;
    want: ProcessResult | undefined;
    call?: string[];
  }[] = [
    {
      name: "query session",
      program: "query",
      tail: " session",
      want: local,
      call: ["query", "session"],
    },
    { name: "qwinsta", program: "qwinsta", tail: "", want: local, call: ["qwinsta"] },
    {
      name: "full path, any case",
      program: "C:\\Windows\\System32\\QUERY.EXE",
      tail: " SESSION",
      want: local,
      call: ["query", "SESSION"],
    },
    { name: "query user", program: "query", tail: " user", want: users, call: ["query", "user"] },
    { name: "quser.exe", program: "quser.exe", tail: "", want: users, call: ["quser"] },
    {
      name: "/server: any case",
      program: "qwinsta",
      tail: " /SERVER:RDSH02",
      want: remote1,
      call: ["qwinsta", "/SERVER:RDSH02"],
    },
    {
      name: "unknown server: RPC error",
      program: "query",
      tail: " session /server:gone",
      want: { stdout: "", stderr: rpcUnavailableText, exitCode: 1 },
      call: ["query", "session", "/server:gone"],
    },
    {
      name: "logoff of a listed id",
      program: "logoff",
      tail: " 2",
      want: out(""),
      call: ["logoff", "2"],
    },
    {
      name: "logoff of an unlisted id",
      program: "logoff",
      tail: " 7",
      want: { stdout: "", stderr: logoffNotFoundText("7"), exitCode: 1 },
      call: ["logoff", "7"],
    },
    {
      name: "logoff of a state word",
      program: "logoff",
      tail: " Disc",
      want: { stdout: "", stderr: logoffNotFoundText("Disc"), exitCode: 1 },
      call: ["logoff", "Disc"],
    },
    {
      name: "logoff on a remote server",
      program: "logoff",
      tail: " 5 /server:rdsh02",
      want: out(""),
      call: ["logoff", "5", "/server:rdsh02"],
    },
    { name: "rwinsta", program: "rwinsta", tail: " 9", want: out(""), call: ["rwinsta", "9"] },
    {
      name: "reset session",
      program: "reset",
      tail: " session 9",
      want: out(""),
      call: ["reset", "session", "9"],
    },
    {
      name: "msg with a quoted text",
      program: "msg",
      tail: ' 2 "bye now"',
      want: out(""),
      call: ["msg", "2", "bye now"],
    },
    { name: "tsdiscon", program: "tsdiscon", tail: " 2", want: out(""), call: ["tsdiscon", "2"] },
    { name: "anything else is not a program", program: "shutdown", tail: " /r", want: undefined },
  ];
  test.each(rows)("$name", ({ program, tail, want, call }) => {
    const w = world();
    const got = w.exec(program, tail, "");
    expect({ program, tail, got, calls: w.calls }).toEqual({
      program,
      tail,
      got: want,
      calls: call ? [{ program: call[0], args: call.slice(1) }] : [],
    });
  });
});

describe("createSessionWorld state", () => {
  test("successive query session calls walk the fixture array; the last repeats", () => {
    const w = world();
    const got = [1, 2, 3].map(() => w.exec("qwinsta", "/server:rdsh02", "")?.stdout);
    expect(got).toEqual(["first\r\n", "second\r\n", "second\r\n"]);
  });
  test("quser without a quser fixture fails with WorldSetupError", () => {
    const w = world();
    expect(() => w.exec("quser", "/server:rdsh02", "")).toThrow(WorldSetupError);
  });
});
