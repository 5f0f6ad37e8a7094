import { describe, expect, test } from "vitest";
import { forFLines, parseForFOptions, tokenizeForFLine } from "../../../src/simulate/batch/forF.js";

describe("parseForFOptions", () => {
  const rows: { options: string; want: Partial<ReturnType<typeof parseForFOptions>> | "error" }[] =
    [
      { options: "", want: { eol: ";", skip: 0, delims: " \t", tokens: [1], variableCount: 1 } },
      {
        options: "skip=1 tokens=3,",
        want: { skip: 1, tokens: [3], variableCount: 1, trailingComma: true },
      },
      { options: "skip=0x2", want: { skip: 2 } },
      { options: "skip=010", want: { skip: 8 } },
      { options: "delims=| ", want: { delims: "| " } },
      { options: "delims= tokens=3", want: { delims: "", tokens: [3] } },
      {
        options: "tokens=1,2,1*",
        want: { tokens: [1, 2], variableCount: 4, star: true, starFilled: false },
      },
      { options: "tokens=1-2,1-2,1-2", want: { tokens: [1, 2], variableCount: 6 } },
      { options: "tokens=3-1,5", want: { tokens: [5], variableCount: 1 } },
      { options: "tokens=*", want: { tokens: [], variableCount: 1, starFilled: true } },
      { options: "eol=# usebackq", want: { eol: "#", usebackq: true } },
      { options: "tokens=1,2*,4", want: "error" },
      { options: "tokens=1-32", want: "error" },
      { options: "bogus=1", want: "error" },
    ];
  test.each(rows)("$options", ({ options, want }) => {
    let got: unknown;
    try {
      const parsed = parseForFOptions(options);
      got =
        want === "error"
          ? parsed
          : Object.fromEntries(Object.keys(want).map((k) => [k, parsed[k as keyof typeof parsed]]));
    } catch {
      got = "error";
    }
    expect({ options, got }).toEqual({ options, got: want });
  });
});

describe("tokenizeForFLine", () => {
  const rows: { options: string; line: string; want: string[] | undefined }[] = [
    { options: "tokens=3", line: " services        0  Disc", want: ["Disc"] },
    { options: "tokens=3", line: "    4 idle", want: undefined },
    { options: "tokens=1,3", line: "a b", want: ["a", ""] },
    { options: "tokens=2*", line: "a  b  c  d", want: ["b", "c  d"] },
    { options: "", line: ";comment", want: undefined },
    { options: "", line: "  ;comment", want: undefined },
    { options: "tokens=2", line: "a ;b", want: [";b"] },
    { options: "delims=", line: "   ", want: ["   "] },
    { options: "delims=,", line: ",,x,,y", want: ["x"] },
  ];
  test.each(rows)("$options on $line", ({ options, line, want }) => {
    expect({ options, line, got: tokenizeForFLine(line, parseForFOptions(options)) }).toEqual({
      options,
      line,
      got: want,
    });
  });
});

describe("forFLines", () => {
  const rows: { text: string; want: string[] }[] = [
    { text: "a\r\nb\r\n", want: ["a", "b"] },
    { text: "a\n\nb", want: ["a", "", "b"] },
    { text: "a b c\nd e\0f\ng h i", want: ["a b c"] },
    { text: "x\r\r\n", want: ["x\r"] },
  ];
  test.each(rows)("$text", ({ text, want }) => {
    expect({ text, got: forFLines(text) }).toEqual({ text, got: want });
  });
});
