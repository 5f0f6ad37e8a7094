/**
 * A script line prepared once for phases 1 and 2 (cmd-semantics.md §2). Percent expansion and
 * parsing run on every line read, with the line's values, so a validation run repeats them
 * millions of times; most lines differ from run to run only in values that sit inside double
 * quotes, or in numbers. Inside quotes phase 2 keeps every character as text except `"` and a
 * line end, so when each value is free of those, the line parses as the line with a
 * placeholder in place of each value, and its command is that parse with the values put back.
 * Outside quotes the same holds for a value that is a run of digits, away from the few places
 * where phase 2 reads a digit as more than text (a handle before `>` or `<`, `>&1`, a FOR
 * variable's letter). Such a line is parsed once. Any other case (another value outside
 * quotes, a value holding `"`, an undefined variable under an edit, which phase 1 scans
 * differently) takes the general path: expand, then parse.
 */
import {
  argumentValue,
  percentTokenAt,
  variableEdit,
  type ExpansionScope,
  type PercentToken,
  type VariableEdit,
} from "./expand.js";
import {
  parseOutcome,
  type Command,
  type Condition,
  type ParseOutcome,
  type Redirect,
} from "./syntax.js";

/** A `%...%` token whose value goes in one placeholder. */
type ReferenceToken = Exclude<PercentToken, { kind: "text" }>;

/**
 * A reference with its edit made ready, and whether its placeholder is outside quotes (bare),
 * where only a run of digits may stand in for it.
 */
type Reference = (
  | Exclude<ReferenceToken, { kind: "variable" }>
  | { kind: "variable"; key: string; edit: VariableEdit | undefined }
) & { bare: boolean };

/** What phase 1 and 2 make of a line, prepared once. */
export type LineTemplate =
  /** The line has no values: its expanded text and its parse never change. */
  | { kind: "constant"; text: string; outcome: ParseOutcome }
  /**
   * Values in quotes or bare: the command is `fill` of them, if each quoted one is free of `"`
   * and line ends and each bare one is digits.
   */
  | {
      kind: "filled";
      references: readonly Reference[];
      fill: (values: readonly string[]) => Command;
    }
  /** Expanded and parsed at each run. */
  | { kind: "general" };

/** Placeholder k is U+E000 + k: a private-use character, never one of a script's bytes. */
const firstPlaceholder = 0xe000;
const placeholders = /[\ue000-\uf8ff]/;
/** How many placeholders the private-use range holds. */
const placeholderCount = 0xf900 - firstPlaceholder;

/**
 * The line's text with each reference as a placeholder, read as expandPercent (batch mode)
 * reads it; undefined when a reference reads %RANDOM%, whose every read changes it, or when
 * there are more references than placeholders.
 */
function placeholderText(line: string): { text: string; references: ReferenceToken[] } | undefined {
  const references: ReferenceToken[] = [];
  let text = "";
  for (let i = 0; i < line.length;) {
    const { token, end } = percentTokenAt(line, i);
    i = end;
    if (token.kind === "text") {
      text += token.text;
      continue;
    }
    if (token.kind === "variable" && token.name.toUpperCase() === "RANDOM") return undefined;
    if (references.length === placeholderCount) return undefined;
    text += String.fromCharCode(firstPlaceholder + references.length);
    references.push(token);
  }
  return { text, references };
}

/**
 * Which placeholders of the text are bare (outside double quotes, as phase 2 reads quotes), by
 * placeholder number; undefined when a bare one sits where phase 2 could read a digit as more
 * than text: after `%` (a FOR variable's letter), `&` (`>&1`) or a caret (which escapes one
 * character), or before `>` or `<` (a handle).
 */
function barePlaceholders(text: string): boolean[] | undefined {
  const bare: boolean[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') {
      quoted = !quoted;
      continue;
    }
    if (!quoted && c === "^") {
      if (placeholders.test(text.charAt(++i))) return undefined;
      continue;
    }
    if (!placeholders.test(c)) continue;
    const k = c.charCodeAt(0) - firstPlaceholder;
    bare[k] = !quoted;
    if (quoted) continue;
    const before = text.charAt(i - 1);
    const after = text.charAt(i + 1);
    if (before === "%" || before === "&" || after === ">" || after === "<") return undefined;
  }
  return bare;
}

type Fill<T> = (values: readonly string[]) => T;

/** Builds the text with its placeholders replaced by values; undefined when it holds none. */
function textFiller(text: string): Fill<string> | undefined {
  if (!placeholders.test(text)) return undefined;
  // The text between placeholders, and which value each placeholder takes.
  const parts = text.split(/([\ue000-\uf8ff])/);
  const texts = parts.filter((_, k) => k % 2 === 0);
  const slots = parts.filter((_, k) => k % 2 === 1).map((c) => c.charCodeAt(0) - firstPlaceholder);
  const first = texts[0] ?? "";
  return (values) => {
    let out = first;
    for (let k = 0; k < slots.length; k++) {
      out += (values[slots[k] as number] as string) + (texts[k + 1] as string);
    }
    return out;
  };
}

/** The same, for a field that may hold no placeholder: then it is shared, not rebuilt. */
function field(text: string): Fill<string> {
  const fill = textFiller(text);
  return fill ?? (() => text);
}

function redirectsFiller(redirects: readonly Redirect[]): Fill<Redirect[]> | undefined {
  const fills = redirects.map((r) => textFiller(r.target));
  if (fills.every((fill) => fill === undefined)) return undefined;
  return (values) =>
    redirects.map((r, k) => {
      const fill = fills[k];
      return fill ? { ...r, target: fill(values) } : r;
    });
}

function conditionFiller(condition: Condition): Fill<Condition> | undefined {
  switch (condition.type) {
    case "compare": {
      const { op } = condition;
      if (!placeholders.test(condition.left + condition.right)) return undefined;
      const left = field(condition.left);
      const right = field(condition.right);
      return (values) => ({ type: "compare", op, left: left(values), right: right(values) });
    }
    case "defined": {
      const name = textFiller(condition.name);
      return name && ((values) => ({ type: "defined", name: name(values) }));
    }
    case "exist": {
      const path = textFiller(condition.path);
      return path && ((values) => ({ type: "exist", path: path(values) }));
    }
    case "errorlevel":
    case "cmdextversion": {
      const { type } = condition;
      const value = textFiller(condition.value);
      return value && ((values) => ({ type, value: value(values) }));
    }
  }
}

/**
 * A function that builds the command with the placeholders replaced by values, sharing every
 * part that holds none; undefined when it holds none, null when it has a REM (which trims the
 * blanks that end its text, and a value may end with blanks).
 */
function commandFiller(command: Command | undefined): Fill<Command> | undefined | null {
  if (command === undefined) return undefined;
  switch (command.kind) {
    case "rem":
      return null;
    case "simple": {
      const { quiet } = command;
      const text = textFiller(command.text);
      const redirects = redirectsFiller(command.redirects);
      if (!text && !redirects) return undefined;
      const textOf = text ?? (() => command.text);
      const redirectsOf = redirects ?? (() => command.redirects);
      return (values) => ({
        kind: "simple",
        text: textOf(values),
        redirects: redirectsOf(values),
        quiet,
      });
    }
    case "block": {
      const { quiet } = command;
      const body = command.body.map(commandFiller);
      if (body.includes(null)) return null;
      const redirects = redirectsFiller(command.redirects);
      if (body.every((fill) => fill === undefined) && !redirects) return undefined;
      const redirectsOf = redirects ?? (() => command.redirects);
      return (values) => ({
        kind: "block",
        body: command.body.map((c, k) => body[k]?.(values) ?? c),
        redirects: redirectsOf(values),
        quiet,
      });
    }
    case "if": {
      const { ignoreCase, negate, quiet } = command;
      const condition = conditionFiller(command.condition);
      const then = commandFiller(command.then);
      const otherwise = commandFiller(command.otherwise);
      if (then === null || otherwise === null) return null;
      if (!condition && !then && !otherwise) return undefined;
      return (values) => ({
        kind: "if",
        ignoreCase,
        negate,
        condition: condition ? condition(values) : command.condition,
        then: then ? then(values) : command.then,
        otherwise: otherwise ? otherwise(values) : command.otherwise,
        quiet,
      });
    }
    case "for": {
      const { mode, variable, quiet } = command;
      const body = commandFiller(command.body);
      if (body === null) return null;
      const options = textFiller(command.options);
      const set = textFiller(command.set);
      if (!body && !options && !set) return undefined;
      const optionsOf = options ?? (() => command.options);
      const setOf = set ?? (() => command.set);
      return (values) => ({
        kind: "for",
        mode,
        options: optionsOf(values),
        variable,
        set: setOf(values),
        body: body ? body(values) : command.body,
        quiet,
      });
    }
    case "then":
    case "and":
    case "or":
    case "pipe": {
      const { kind } = command;
      const left = commandFiller(command.left);
      const right = commandFiller(command.right);
      if (left === null || right === null) return null;
      if (!left && !right) return undefined;
      return (values) => ({
        kind,
        left: left ? left(values) : command.left,
        right: right ? right(values) : command.right,
      });
    }
  }
}

/** Prepares a line (without its CRs). */
export function lineTemplate(line: string): LineTemplate {
  // A line holding a character of the placeholders' range is taken as it is.
  if (placeholders.test(line)) return { kind: "general" };
  const held = placeholderText(line);
  if (!held) return { kind: "general" };
  if (held.references.length === 0) {
    return { kind: "constant", text: held.text, outcome: parseOutcome(held.text) };
  }
  const bare = barePlaceholders(held.text);
  if (!bare) return { kind: "general" };
  const outcome = parseOutcome(held.text);
  if (outcome.kind !== "command" || !outcome.command) return { kind: "general" };
  const fill = commandFiller(outcome.command);
  if (!fill) return { kind: "general" };
  const references = held.references.map((token, k): Reference =>
    token.kind === "variable"
      ? {
          kind: "variable",
          key: token.name.toUpperCase(),
          edit: token.edit === undefined ? undefined : variableEdit(token.edit),
          bare: bare[k] === true,
        }
      : { ...token, bare: bare[k] === true },
  );
  return { kind: "filled", references, fill: fill as (values: readonly string[]) => Command };
}

/** Whether a value is one or more ASCII digits. */
function isDigits(value: string): boolean {
  if (value === "") return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * The values of a filled template's references as phase 1 gives them; undefined when phase 1
 * would scan the line differently (an edit of an undefined variable, a malformed edit) or a
 * value is not safe where it stands (inside quotes; bare, when it is not digits).
 */
export function referenceValues(
  references: readonly Reference[],
  scope: ExpansionScope,
): string[] | undefined {
  const values: string[] = [];
  for (const reference of references) {
    let value: string | undefined;
    if (reference.kind === "variable") {
      value = scope.lookupKey(reference.key);
      if (reference.edit !== undefined) {
        if (value === undefined) return undefined;
        value = reference.edit(value);
        if (value === undefined) return undefined;
      }
      value ??= "";
    } else if (reference.kind === "argument") {
      value = argumentValue(reference, scope);
    } else {
      value = scope.allArguments();
    }
    if (reference.bare) {
      if (!isDigits(value)) return undefined;
      // A quote would end the quotes, a line end the command.
    } else if (value.includes('"') || value.includes("\n")) return undefined;
    values.push(value);
  }
  return values;
}
