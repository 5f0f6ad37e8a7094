import { describe, expect, test } from "vitest";
import { programName, splitCommandLine } from "../../../src/simulate/commandLine.js";

describe("splitCommandLine (Microsoft C runtime rules)", () => {
  const rows: { tail: string; want: string[] }[] = [
    { tail: "", want: [] },
    { tail: " session  /server:RDSH01 ", want: ["session", "/server:RDSH01"] },
    { tail: '"a b" c', want: ["a b", "c"] },
    { tail: 'a"b c"d', want: ["ab cd"] },
    { tail: '""', want: [""] },
    { tail: '"a""b"', want: ['a"b'] },
    { tail: 'a\\\\"b c"', want: ["a\\b c"] },
    { tail: 'a\\"b', want: ['a"b'] },
    { tail: "a\\\\b", want: ["a\\\\b"] },
    { tail: "\tx\ty", want: ["x", "y"] },
  ];
  test.each(rows)("$tail", ({ tail, want }) => {
    expect({ tail, got: splitCommandLine(tail) }).toEqual({ tail, got: want });
  });
});

describe("programName", () => {
  const rows: { token: string; want: string }[] = [
    { token: "logoff", want: "logoff" },
    { token: "QUERY.EXE", want: "query" },
    { token: "C:\\Windows\\System32\\query.exe", want: "query" },
    { token: '"C:\\Program Files\\x\\Tool.cmd"', want: "tool" },
    { token: "c:quser", want: "quser" },
  ];
  test.each(rows)("$token", ({ token, want }) => {
    expect({ token, got: programName(token) }).toEqual({ token, got: want });
  });
});
