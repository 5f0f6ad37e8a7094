/**
 * The batch simulator's fast paths against its general path, on random input: a line template
 * (src/simulate/batch/lineTemplate.ts), with values in quotes or numbers outside them, must
 * give the command that expanding the line and parsing the text gives, and a prepared `%var:...%` edit the value that a plain reading of
 * the edit gives.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyVariableEdit,
  expandPercent,
  type ExpansionScope,
} from "../../../src/simulate/batch/expand.js";
import { lineTemplate, referenceValues } from "../../../src/simulate/batch/lineTemplate.js";
import { parseOutcome } from "../../../src/simulate/batch/syntax.js";

/** Characters that mean something to phase 1 or 2, and some that do not. */
const valueCharacter = fc.constantFrom(
  ...' \t&|<>^"()%!=,;:~*.0123456789aAbBzZ_-#@\u00e9\u0084/\\'.split(""),
);
const value = fc.string({ unit: valueCharacter, maxLength: 12 });
/** A value or a number (which a line may hold outside quotes). */
const valueOrNumber = fc.oneof(
  value,
  fc.stringMatching(/^[0-9]{1,4}$/),
  fc.constantFrom("0", "1", "12"),
);

/** Pieces of a batch line: references of every form, quotes, operators, keywords. */
const linePiece = fc.oneof(
  fc.constantFrom(
    "%A%",
    "%B%",
    '"%A%"',
    '"%B:~1,4%"',
    '"x%A: =%y"',
    'set "X=%A%"',
    'if "%A%"=="%B%" ',
    'if /i not "%~1"=="%B:a=X%" ',
    "if %A% LSS %B% ",
    "if defined X_%A%_%B% ",
    "for /l %%n in (1,1,%A%) do ",
    "%A%>",
    "%B%<",
    ">&%A%",
    "^%A%",
    "%%%B%",
    "for %%%A% in (1) do ",
    "%~1",
    "/%A%",
    "exit /b %A%",
    "%UNSET%",
    "%A:~1%",
    "%A:~-3,2%",
    "%A:~x%",
    "%B: =%",
    "%B:a=X%",
    "%A:*b=%",
    "%B:=y%",
    "%UNSET:~1%",
    "%1",
    "%~1",
    "%~dp0",
    "%*",
    "%%",
    "%",
    '"',
    '"',
    "^",
    " ",
    " ",
    "&",
    "&&",
    "||",
    "|",
    ">",
    ">>",
    "<",
    "2>&1",
    "(",
    ")",
    "==",
    "if ",
    "if /i ",
    "not ",
    "defined ",
    "set ",
    "set /a ",
    "echo ",
    "rem ",
    "call :x ",
    "for %%i in (",
    'for /f "tokens=1" %%a in (',
    " do ",
    " else ",
    "=",
    ",",
    ";",
    "x",
    "1",
  ),
  value,
);
const line = fc.array(linePiece, { maxLength: 14 }).map((pieces) => pieces.join(""));

/** A scope with the variables A and B and the script's arguments. */
function scope(a: string, b: string, args: string[]): ExpansionScope {
  const vars = new Map([
    ["A", a],
    ["B", b],
  ]);
  return {
    lookup: (name) => vars.get(name.toUpperCase()),
    lookupKey: (key) => vars.get(key),
    argument: (n) => (n === 0 ? "C:\\rdlogoff\\script.bat" : args[n - 1]),
    allArguments: () => args.join(" "),
    pathInfo: (path) => ({ fullPath: `C:\\rdlogoff\\${path}`, exists: false, size: 0 }),
  };
}

describe("line templates against expanding and parsing each line", () => {
  it("give the same command for every line and values they accept", () => {
    let filled = 0;
    let filledBare = 0;
    fc.assert(
      fc.property(
        line,
        valueOrNumber,
        valueOrNumber,
        fc.array(valueOrNumber, { maxLength: 2 }),
        (text, a, b, args) => {
          const template = lineTemplate(text);
          const values = scope(a, b, args);
          const general = parseOutcome(expandPercent(text, values));
          if (template.kind === "constant") {
            expect(template.outcome).toEqual(general);
          } else if (template.kind === "filled") {
            const found = referenceValues(template.references, values);
            if (found === undefined) return;
            filled++;
            if (template.references.some((reference) => reference.bare)) filledBare++;
            expect({ kind: "command", command: template.fill(found) }).toEqual(general);
          }
        },
      ),
      { numRuns: 20_000 },
    );
    expect(filled).toBeGreaterThan(1000);
    expect(filledBare).toBeGreaterThan(100);
  });
});

/** `%var:edit%` as cmd reads it, written out plainly: the reference the prepared edits must match. */
function plainEdit(text: string, edit: string): string | undefined {
  if (edit.startsWith("~")) {
    const m = /^~\s*(-?\d+)?\s*(?:,\s*(-?\d+)?\s*)?$/.exec(edit);
    if (!m) return undefined;
    const offset = m[1] === undefined ? 0 : Number(m[1]);
    const len = text.length;
    const start = offset < 0 ? Math.max(0, len + offset) : Math.min(offset, len);
    if (m[2] === undefined) return text.slice(start);
    const count = Number(m[2]);
    const end = count < 0 ? Math.max(start, len + count) : Math.min(len, start + count);
    return text.slice(start, end);
  }
  const eq = edit.indexOf("=");
  if (eq < 0) return undefined;
  const replacement = edit.slice(eq + 1);
  if (edit.startsWith("*")) {
    const search = edit.slice(1, eq);
    if (search === "") return text;
    const at = text.toLowerCase().indexOf(search.toLowerCase());
    return at < 0 ? text : replacement + text.slice(at + search.length);
  }
  const search = edit.slice(0, eq).toLowerCase();
  if (search === "") return undefined;
  let out = "";
  let from = 0;
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(search); at >= 0; at = lower.indexOf(search, from)) {
    out += text.slice(from, at) + replacement;
    from = at + search.length;
  }
  return out + text.slice(from);
}

describe("prepared variable edits against a plain reading of the edit", () => {
  const editText = fc.oneof(
    fc
      .tuple(
        fc.integer({ min: -20, max: 20 }),
        fc.option(fc.integer({ min: -20, max: 20 }), { nil: undefined }),
        fc.constantFrom("", " "),
      )
      .map(([start, count, blank]) => `~${blank}${start}${count === undefined ? "" : `,${count}`}`),
    fc.tuple(fc.constantFrom("", "*"), value, value).map(([star, search, to]) => {
      const plain = search.replaceAll("=", "");
      return `${star}${plain}=${to}`;
    }),
    value,
  );

  it("edit every value as the plain reading does", () => {
    fc.assert(
      fc.property(value, editText, (text, edit) => {
        expect(applyVariableEdit(text, edit)).toBe(plainEdit(text, edit));
      }),
      { numRuns: 20_000 },
    );
  });
});
