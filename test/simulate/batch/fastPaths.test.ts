/**
 * The batch simulator's fast paths against a plain reading, on random input: a line template
 * (src/simulate/batch/lineTemplate.ts), with values in quotes or numbers outside them, must
 * give the command that expanding the line and parsing the text gives; a prepared `%var:...%`
 * edit the value that a plain reading of the edit gives; and setlocal, which keeps only what
 * its scope changes, the environment that a saved copy would give back.
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
import { simulateBatch } from "../../../src/simulate/batch/index.js";
import { createSessionWorld } from "../../../src/simulate/world.js";

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

/** One step of a script that sets variables inside and outside setlocal scopes. */
type ScopeStep =
  | { kind: "set"; name: string; value: string }
  | { kind: "setlocal" }
  | { kind: "endlocal" }
  | { kind: "call" }
  | { kind: "list" };

const scopeStep: fc.Arbitrary<ScopeStep> = fc.oneof(
  fc.record({
    kind: fc.constant("set" as const),
    name: fc.constantFrom("XA", "xa", "Xb", "XC"),
    value: fc.constantFrom("", "1", "two", "x=y"),
  }),
  fc.constantFrom<ScopeStep>(
    { kind: "setlocal" },
    { kind: "endlocal" },
    { kind: "call" },
    { kind: "list" },
  ),
);

const scopeLine = (step: ScopeStep): string =>
  step.kind === "set"
    ? `set "${step.name}=${step.value}"`
    : step.kind === "call"
      ? "call :sub"
      : step.kind === "list"
        ? "set X"
        : step.kind;

/**
 * What the steps print, from a plain model of cmd: setlocal saves a copy of the environment,
 * endlocal (and the end of a called routine, for the scopes it opened) puts the copy back.
 */
function modelOutput(steps: readonly ScopeStep[]): string {
  let env = new Map<string, [string, string]>();
  const saved: Map<string, [string, string]>[] = [];
  const set = (name: string, value: string): void => {
    if (value === "") env.delete(name.toUpperCase());
    else env.set(name.toUpperCase(), [name, value]);
  };
  let out = "";
  for (const step of steps) {
    if (step.kind === "set") set(step.name, step.value);
    else if (step.kind === "setlocal") saved.push(new Map(env));
    else if (step.kind === "endlocal") env = saved.pop() ?? env;
    else if (step.kind === "call") {
      // :sub opens a scope, sets XA and returns without endlocal.
      const before = new Map(env);
      set("XA", "sub");
      env = before;
    } else {
      out += [...env.entries()]
        .filter(([key]) => key.startsWith("X"))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([, [name, value]]) => `${name}=${value}\r\n`)
        .join("");
    }
  }
  return out;
}

describe("setlocal scopes against copies of the environment", () => {
  it("leave every variable as a saved copy would", () => {
    fc.assert(
      fc.property(fc.array(scopeStep, { maxLength: 30 }), (steps) => {
        const script = [
          "@echo off",
          ...steps.map(scopeLine),
          "goto :eof",
          ":sub",
          "setlocal",
          'set "XA=sub"',
          "goto :eof",
          "",
        ].join("\r\n");
        const result = simulateBatch(script, createSessionWorld({ servers: {} }));
        expect(result.stdout).toBe(modelOutput(steps));
      }),
      { numRuns: 3_000 },
    );
  });
});
