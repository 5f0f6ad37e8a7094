import { describe, expect, it } from "vitest";
import { batchCommentText, batchQuotedText, EscapeError } from "../../src/emit/batchEscape.js";
import { powershellString } from "../../src/emit/powershellEscape.js";
import { asciiStringExpression } from "../../src/emit/powershellEscape.js";

describe("powershellString: single-quoted literals", () => {
  it.each([
    { value: "alice", want: "'alice'" },
    { value: "O'Brien", want: "'O''Brien'" },
    { value: "Bob\u2019s", want: "'Bob\u2019\u2019s'" },
    { value: "\u2018a\u201a\u201b", want: "'\u2018\u2018a\u201a\u201a\u201b\u201b'" },
    { value: "$env:X `n $(calc)", want: "'$env:X `n $(calc)'" },
    { value: 'say "hi" & go', want: "'say \"hi\" & go'" },
  ])("$value", ({ value, want }) => {
    expect(powershellString(value, "v")).toBe(want);
  });

  it.each(["a\nb", "a\rb", "a\u0000b", "a\u0085b"])(
    "rejects the control character in %j",
    (value) => {
      expect(() => powershellString(value, "v")).toThrow(EscapeError);
    },
  );
});

describe("asciiStringExpression: non-ASCII letters as [char]", () => {
  it.each([
    { word: "Disc", want: "'Disc'" },
    { word: "D\u00e9co", want: "('D' + [char]0x00E9 + 'co')" },
    { word: "\u0414\u0438", want: "('' + [char]0x0414 + [char]0x0438)" },
  ])("$word", ({ word, want }) => {
    expect(asciiStringExpression(word, "w")).toBe(want);
  });
});

describe("batch values", () => {
  it.each([
    { value: "svc backup", want: "svc backup" },
    { value: "a&b|c<d>e^f(g)!", want: "a&b|c<d>e^f(g)!" },
  ])("quoted text keeps $value literal", ({ value, want }) => {
    expect(batchQuotedText(value, "v")).toBe(want);
  });

  it.each([
    { value: 'a"b', message: 'v contains ", which cannot be quoted safely in a batch file' },
    { value: "50%", message: "v contains %, which cannot be quoted safely in a batch file" },
    {
      value: "J\u00fcrgen",
      message: 'v contains the non-ASCII character "\u00fc"; batch files are written in ASCII',
    },
    {
      value: "a\tb",
      message: "v contains the control character U+0009, which a batch file cannot hold",
    },
  ])("quoted text refuses $value", ({ value, message }) => {
    expect(() => batchQuotedText(value, "v")).toThrow(message);
  });

  it("doubles % in comments and refuses a trailing caret", () => {
    expect(batchCommentText("100% done", "d")).toBe("100%% done");
    expect(() => batchCommentText("join ^", "d")).toThrow('d ends with "^"');
  });
});
