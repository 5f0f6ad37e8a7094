import { keptByText } from "../kept.js";
/**
 * Expansion, kept apart from parsing and execution: phase 1 (percent), phase 4 (FOR
 * variables) and phase 5 (delayed `!var!`) of cmd's line processing (cmd-semantics.md §2).
 * Each works on text and asks an {@link ExpansionScope} for values; none of them rescans
 * what it inserted.
 */

/** Where expansion gets its values. */
export interface ExpansionScope {
  /** A variable's value (dynamic ones such as ERRORLEVEL included), or undefined. */
  lookup(name: string): string | undefined;
  /** The same by the upper-cased name, which a prepared line keeps. */
  lookupKey(key: string): string | undefined;
  /** Batch parameter `%n` (n = 0..9), or undefined past the last one. */
  argument(n: number): string | undefined;
  /** `%*`: the parameters as written, after the label or script name. */
  allArguments(): string;
  /** Facts about a path for the `~` modifiers. */
  pathInfo(path: string): PathInfo;
}

/** What the `~` modifiers need to know about a path. */
export interface PathInfo {
  fullPath: string;
  exists: boolean;
  size: number;
}

const modifierLetters = "fdpnxsatz";

/** Removes one pair of surrounding quotes (`%~1`): a leading `"` and, if present, a trailing one. */
export function stripQuotes(value: string): string {
  if (!value.startsWith('"')) return value;
  return value.endsWith('"') && value.length > 1 ? value.slice(1, -1) : value.slice(1);
}

/** Applies `~` modifiers (`dp`, `nx`, `f`, ...) to a value, as `%~dp0` and `%%~fi` do. */
export function applyModifiers(value: string, modifiers: string, scope: ExpansionScope): string {
  const plain = stripQuotes(value);
  if (modifiers === "" || plain === "") return plain;
  const info = scope.pathInfo(plain);
  const full = info.fullPath;
  let out = "";
  if (modifiers.includes("a")) out += info.exists ? "--a--------" : "";
  if (modifiers.includes("t")) out += `${out ? " " : ""}${info.exists ? "01/01/2024 00:00" : ""}`;
  if (modifiers.includes("z")) out += `${out ? " " : ""}${info.exists ? String(info.size) : ""}`;
  const parts = /[dpnx]/.test(modifiers);
  if (!parts && !modifiers.includes("f")) return out;
  const lastSlash = full.lastIndexOf("\\");
  const name = full.slice(lastSlash + 1);
  const dot = name.lastIndexOf(".");
  const piece = !parts
    ? full
    : (modifiers.includes("d") ? full.slice(0, 2) : "") +
      (modifiers.includes("p") ? full.slice(2, lastSlash + 1) : "") +
      (modifiers.includes("n") ? (dot < 0 ? name : name.slice(0, dot)) : "") +
      (modifiers.includes("x") ? (dot < 0 ? "" : name.slice(dot)) : "");
  return out ? `${out} ${piece}` : piece;
}

/** A `%var:...%` edit made ready to apply: the edited value, or undefined when malformed. */
export type VariableEdit = (value: string) => string | undefined;

/**
 * Applies the text after `:` in `%var:...%` or `!var:...!` to a defined value: `~start,length`
 * substrings or `old=new` / `*old=new` replacement (case-insensitive). Undefined when the
 * modifier is malformed.
 */
export function applyVariableEdit(value: string, edit: string): string | undefined {
  return variableEdit(edit)(value);
}

/**
 * Edits by their text: a script holds a few edits and applies them on every line it reads, so
 * each is read once.
 */
const variableEdits = new Map<string, VariableEdit>();

/** The edit that the text after `:` names, read once (see {@link applyVariableEdit}). */
export function variableEdit(edit: string): VariableEdit {
  return keptByText(variableEdits, edit, (text) =>
    text.startsWith("~") ? substringEdit(text) : replacementEdit(text),
  );
}

const malformed: VariableEdit = () => undefined;

function substringEdit(edit: string): VariableEdit {
  const m = /^~\s*(-?\d+)?\s*(?:,\s*(-?\d+)?\s*)?$/.exec(edit);
  if (!m) return malformed;
  const offset = m[1] === undefined ? 0 : Number(m[1]);
  const count = m[2] === undefined ? undefined : Number(m[2]);
  return (value) => {
    const len = value.length;
    const start = offset < 0 ? Math.max(0, len + offset) : Math.min(offset, len);
    if (count === undefined) return value.slice(start);
    const end = count < 0 ? Math.max(start, len + count) : Math.min(len, start + count);
    return value.slice(start, end);
  };
}

function replacementEdit(edit: string): VariableEdit {
  const eq = edit.indexOf("=");
  if (eq < 0) return malformed;
  const written = edit.slice(0, eq);
  const replacement = edit.slice(eq + 1);
  if (written.startsWith("*")) {
    const search = written.slice(1);
    if (search === "") return (value) => value;
    const needle = search.toLowerCase();
    return (value) => {
      const at = value.toLowerCase().indexOf(needle);
      return at < 0 ? value : replacement + value.slice(at + search.length);
    };
  }
  const search = written;
  if (search === "") return malformed;
  const needle = search.toLowerCase();
  // Without letters the search matches where its exact text does: no need to lower-case.
  if (needle === search && search.toUpperCase() === search) {
    if (search.length === 1) return (value) => replaceCharacter(value, search, replacement);
    // replaceAll reads `$` in a replacement as a pattern; split and join take it as text.
    return replacement.includes("$")
      ? (value) => (value.includes(search) ? value.split(search).join(replacement) : value)
      : (value) => (value.includes(search) ? value.replaceAll(search, replacement) : value);
  }
  return (value) => {
    const lower = value.toLowerCase();
    let out = "";
    let from = 0;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
      out += value.slice(from, at) + replacement;
      from = at + needle.length;
    }
    return out + value.slice(from);
  };
}

/**
 * Every `search` (one character) in the value replaced: the text between matches is copied
 * whole, which is several times faster than replaceAll on the padded listing lines that a
 * script strips of their blanks (`%RDL_LINE: =%`).
 */
function replaceCharacter(value: string, search: string, replacement: string): string {
  // indexOf finds the first match (or none, the common case) faster than a loop would.
  const first = value.indexOf(search);
  if (first < 0) return value;
  const code = search.charCodeAt(0);
  let out = value.slice(0, first) + replacement;
  let from = first + 1;
  for (let i = from; i < value.length; i++) {
    if (value.charCodeAt(i) !== code) continue;
    if (i > from) out += value.slice(from, i);
    out += replacement;
    from = i + 1;
  }
  return out + value.slice(from);
}

/** Reads `~` modifiers followed by a digit at `text[i]` (after `%~`); the end index or -1. */
function readArgumentModifiers(text: string, i: number): number {
  let j = i;
  while (j < text.length && modifierLetters.includes(text.charAt(j).toLowerCase())) j++;
  for (let k = j; k >= i; k--) {
    const c = text[k];
    if (c !== undefined && c >= "0" && c <= "9") return k;
  }
  return -1;
}

/** One piece of a line as phase 1 of a batch file reads it. */
export type PercentToken =
  /** Text that stays (a `%%` gives `%`; an unpaired `%` gives nothing). */
  | { kind: "text"; text: string }
  /**
   * `%name%` or `%name:edit%`. When the variable under an edit is undefined, or the edit is
   * malformed, phase 1 reads on from `rescan` (just after `%name:`) instead of the token's end.
   */
  | { kind: "variable"; name: string; edit: string | undefined; rescan: number }
  /** `%n`, or `%~mods n` with its lower-cased modifiers. */
  | { kind: "argument"; n: number; modifiers: string | undefined }
  /** `%*`. */
  | { kind: "allArguments" };

/** The phase-1 token of a batch line at `text[i]`, and the index after it. */
export function percentTokenAt(text: string, i: number): { token: PercentToken; end: number } {
  if (text.charAt(i) !== "%") {
    const next = text.indexOf("%", i);
    const end = next < 0 ? text.length : next;
    return { token: { kind: "text", text: text.slice(i, end) }, end };
  }
  const d = text[i + 1];
  if (d === undefined) return { token: { kind: "text", text: "" }, end: i + 1 };
  if (d === "%") return { token: { kind: "text", text: "%" }, end: i + 2 };
  if (d >= "0" && d <= "9") {
    return {
      token: { kind: "argument", n: d.charCodeAt(0) - 48, modifiers: undefined },
      end: i + 2,
    };
  }
  if (d === "*") return { token: { kind: "allArguments" }, end: i + 2 };
  if (d === "~") {
    const digitAt = readArgumentModifiers(text, i + 2);
    if (digitAt >= 0) {
      const modifiers = text.slice(i + 2, digitAt).toLowerCase();
      const n = text.charCodeAt(digitAt) - 48;
      return { token: { kind: "argument", n, modifiers }, end: digitAt + 1 };
    }
  }
  const close = text.indexOf("%", i + 1);
  if (close < 0) return { token: { kind: "text", text: "" }, end: i + 1 };
  const body = text.slice(i + 1, close);
  const colon = body.indexOf(":");
  const name = colon < 0 ? body : body.slice(0, colon);
  const edit = colon < 0 ? undefined : body.slice(colon + 1);
  return { token: { kind: "variable", name, edit, rescan: i + colon + 2 }, end: close + 1 };
}

/** The value of a parameter token (`%n`, `%~mods n`). */
export function argumentValue(
  token: { n: number; modifiers: string | undefined },
  scope: ExpansionScope,
): string {
  const value = scope.argument(token.n) ?? "";
  return token.modifiers === undefined ? value : applyModifiers(value, token.modifiers, scope);
}

/**
 * Phase 1: percent expansion of one line as a batch file does it. `%%` gives `%`, `%0`-`%9`,
 * `%*` and `%~mods N` give parameters, `%name%` a value or nothing, an unpaired `%` is dropped.
 * A command line (`cmd /c`, the command of `for /f`) is expanded differently: there are no
 * parameters, and `%name%` of an undefined variable, `%%` and an unpaired `%` stay as written
 * (so `%^errorlevel%` survives to lose its caret, and `call` expands it afterwards).
 */
export function expandPercent(
  text: string,
  scope: ExpansionScope,
  mode: "batch" | "commandLine" = "batch",
): string {
  if (!text.includes("%")) return text;
  if (mode === "commandLine") return expandCommandLinePercent(text, scope);
  let out = "";
  let i = 0;
  while (i < text.length) {
    const { token, end } = percentTokenAt(text, i);
    i = end;
    if (token.kind === "text") out += token.text;
    else if (token.kind === "argument") out += argumentValue(token, scope);
    else if (token.kind === "allArguments") out += scope.allArguments();
    else {
      const value = scope.lookup(token.name);
      if (token.edit === undefined) {
        out += value ?? "";
        continue;
      }
      const edited = value === undefined ? undefined : applyVariableEdit(value, token.edit);
      if (edited === undefined) {
        // Undefined: the name is dropped; malformed: it stays. Either way reading goes on after it.
        if (value !== undefined) out += `%${token.name}:`;
        i = token.rescan;
        continue;
      }
      out += edited;
    }
  }
  return out;
}

function expandCommandLinePercent(text: string, scope: ExpansionScope): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf("%", i);
    const close = at < 0 ? -1 : text.indexOf("%", at + 1);
    if (close < 0) return out + text.slice(i);
    out += text.slice(i, at);
    const body = text.slice(at + 1, close);
    const colon = body.indexOf(":");
    const value = body === "" ? undefined : scope.lookup(colon < 0 ? body : body.slice(0, colon));
    const edited =
      value === undefined || colon < 0 ? value : applyVariableEdit(value, body.slice(colon + 1));
    if (edited === undefined) {
      // Undefined: the text stays, and its closing `%` may open the next name.
      out += text.slice(at, close);
      i = close;
    } else {
      out += edited;
      i = close + 1;
    }
  }
  return out;
}

/**
 * Phase 4: replaces `%x` and `%~mods x` where x is an active FOR variable (case-sensitive).
 * Other `%` sequences stay as they are (`%h` when h is not a FOR variable).
 */
export function substituteForVariables(
  text: string,
  vars: ReadonlyMap<string, string>,
  scope: ExpansionScope,
): string {
  if (vars.size === 0 || !text.includes("%")) return text;
  let out = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const at = text.indexOf("%", i);
    if (at < 0) break;
    out += text.slice(i, at);
    const d = text[at + 1];
    if (d !== undefined && d !== "~" && vars.has(d)) {
      out += vars.get(d) ?? "";
      i = at + 2;
      continue;
    }
    if (d === "~") {
      let j = at + 2;
      while (j < n && modifierLetters.includes(text.charAt(j).toLowerCase())) j++;
      let matched = -1;
      for (let k = j; k >= at + 2; k--) {
        const v = text[k];
        if (v !== undefined && vars.has(v)) {
          matched = k;
          break;
        }
      }
      if (matched >= 0) {
        const value = vars.get(text.charAt(matched)) ?? "";
        out += applyModifiers(value, text.slice(at + 2, matched).toLowerCase(), scope);
        i = matched + 1;
        continue;
      }
      // No modifier form: `~` may itself be a FOR variable (`%%~` after `tokens=1-20 %%}`).
      const tilde = vars.get("~");
      if (tilde !== undefined) {
        out += tilde;
        i = at + 2;
        continue;
      }
    }
    out += "%";
    i = at + 1;
  }
  return out + text.slice(i);
}

/**
 * Phase 5: delayed expansion of `!name!` (with `:~` and `:=` edits). Only text that contains
 * `!` is touched; there a caret escapes the next character, even inside quotes, and an
 * unpaired `!` is dropped.
 */
export function expandDelayed(text: string, scope: ExpansionScope): string {
  if (!text.includes("!")) return text;
  let out = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charAt(i);
    if (c === "^") {
      if (i + 1 < n) out += text[i + 1];
      i += 2;
      continue;
    }
    if (c !== "!") {
      out += c;
      i++;
      continue;
    }
    const close = text.indexOf("!", i + 1);
    if (close < 0) {
      i++;
      continue;
    }
    const body = text.slice(i + 1, close);
    const colon = body.indexOf(":");
    if (colon < 0) {
      out += scope.lookup(body) ?? "";
    } else {
      const value = scope.lookup(body.slice(0, colon));
      if (value !== undefined) out += applyVariableEdit(value, body.slice(colon + 1)) ?? "";
    }
    i = close + 1;
  }
  return out;
}
