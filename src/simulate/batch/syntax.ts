/**
 * Phase 2 of cmd's line processing (cmd-semantics.md §2): turns the percent-expanded text of
 * one line, or of a parenthesized block spanning several lines, into commands. Quotes are kept
 * in the text, carets outside quotes are removed, `& && || |` split commands, redirections
 * are taken out, `(`/`)` group, and IF, FOR and REM are recognized.
 *
 * The text of each command stays a string: FOR variables (phase 4) and delayed expansion
 * (phase 5) are applied to it when it runs, not here.
 */

/** A redirection: `handle op target`, or `handle>&dup`. */
export interface Redirect {
  handle: number;
  op: ">" | ">>" | "<";
  /** File name as written (quotes kept); empty when `duplicate` is set. */
  target: string;
  /** `2>&1`: the handle to copy. */
  duplicate?: number;
}

export interface SimpleCommand {
  kind: "simple";
  /** The command and its arguments, carets removed, quotes kept. */
  text: string;
  redirects: Redirect[];
  quiet: boolean;
}

export interface RemCommand {
  kind: "rem";
  text: string;
  quiet: boolean;
}

export interface BlockCommand {
  kind: "block";
  body: Command[];
  redirects: Redirect[];
  quiet: boolean;
}

export type Condition =
  | { type: "compare"; op: string; left: string; right: string }
  | { type: "errorlevel"; value: string }
  | { type: "defined"; name: string }
  | { type: "exist"; path: string }
  | { type: "cmdextversion"; value: string };

export interface IfCommand {
  kind: "if";
  ignoreCase: boolean;
  negate: boolean;
  condition: Condition;
  then: Command;
  otherwise: Command | undefined;
  quiet: boolean;
}

export interface ForCommand {
  kind: "for";
  /** `""` (plain set), `"f"` or `"l"`. */
  mode: "" | "f" | "l";
  /** The for /f options as written between the quotes (or the bare `usebackq` word). */
  options: string;
  variable: string;
  /** The text between the set's parentheses. */
  set: string;
  body: Command;
  quiet: boolean;
}

export interface BinaryCommand {
  kind: "then" | "and" | "or" | "pipe";
  left: Command;
  right: Command;
}

export type Command =
  SimpleCommand | RemCommand | BlockCommand | IfCommand | ForCommand | BinaryCommand;

/** The text ended inside a block or after a line-continuation caret: read the next line. */
export class IncompleteInput extends Error {
  constructor() {
    super("incomplete input");
    this.name = "IncompleteInput";
  }
}

/** A phase-2 error; cmd prints the message and stops the batch file. */
export class BatchSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BatchSyntaxError";
  }
}

const syntaxIncorrect = "The syntax of the command is incorrect.";
const compareOperators = new Set(["equ", "neq", "lss", "leq", "gtr", "geq"]);

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t";
}

/**
 * The text without its leading and trailing spaces and tabs. A loop, not a regular expression:
 * /[ \t]+$/ tries a run of blanks from each of its characters, quadratic on padded values.
 */
export function trimBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1])) end--;
  return trimStartBlanks(text.slice(0, end));
}

/** The text without its leading spaces and tabs. */
export function trimStartBlanks(text: string): string {
  let start = 0;
  while (isSpace(text[start])) start++;
  return start === 0 ? text : text.slice(start);
}

/** Argument delimiters of cmd: space, tab, `,`, `;`, `=` (and the form feed and VT bytes). */
export function isDelimiter(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "," || c === ";" || c === "=" || c === "\f" || c === "\v";
}

/** What phase 2 makes of a text: a command (undefined for none), more lines needed, or an error. */
export type ParseOutcome =
  | { kind: "command"; command: Command | undefined }
  | { kind: "incomplete" }
  | { kind: "syntaxError"; message: string };

/**
 * Outcomes by text. Phase 2 is a pure function of the expanded text and a parsed command is
 * never changed while it runs, so a text seen before (the same script line with the same
 * values, on another row, listing or script) is not parsed again. Kept in two generations: a
 * full one becomes the older one and the oldest is dropped, which bounds memory at no cost
 * per text (evicting from a Map one entry at a time gets slow as deleted slots pile up).
 */
let outcomes = new Map<string, ParseOutcome>();
let olderOutcomes = new Map<string, ParseOutcome>();
const outcomesPerGeneration = 25_000;

/** Parses expanded text, without throwing for text that is incomplete or wrong. */
export function parseOutcome(text: string): ParseOutcome {
  let outcome = outcomes.get(text);
  if (outcome) return outcome;
  outcome = olderOutcomes.get(text) ?? freshOutcome(text);
  outcomes.set(text, outcome);
  if (outcomes.size >= outcomesPerGeneration) {
    olderOutcomes = outcomes;
    outcomes = new Map();
  }
  return outcome;
}

function freshOutcome(text: string): ParseOutcome {
  try {
    return { kind: "command", command: new Parser(text).parseTop() };
  } catch (error) {
    if (error instanceof IncompleteInput) return { kind: "incomplete" };
    if (error instanceof BatchSyntaxError) return { kind: "syntaxError", message: error.message };
    throw error;
  }
}

/**
 * Parses expanded text into a command, or undefined for nothing to run (an empty line).
 * Throws {@link IncompleteInput} when more lines are needed.
 */
export function parseLine(text: string): Command | undefined {
  const outcome = parseOutcome(text);
  if (outcome.kind === "incomplete") throw new IncompleteInput();
  if (outcome.kind === "syntaxError") throw new BatchSyntaxError(outcome.message);
  return outcome.command;
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly s: string) {}

  parseTop(): Command | undefined {
    const command = this.parseSequence();
    if (this.i < this.s.length) {
      if (this.s[this.i] === ")") throw new BatchSyntaxError(") was unexpected at this time.");
      throw new BatchSyntaxError(syntaxIncorrect);
    }
    return command;
  }

  private peek(offset = 0): string | undefined {
    return this.s[this.i + offset];
  }

  private skipSpaces(): void {
    while (isSpace(this.peek())) this.i++;
  }

  /** At a character that ends a command: `& | \n` or, inside a block, `)`. */
  private atCommandEnd(): boolean {
    const c = this.peek();
    return c === undefined || c === "&" || c === "|" || c === "\n" || (c === ")" && this.depth > 0);
  }

  private parseSequence(first?: Command): Command | undefined {
    let left = this.parseConditional(first);
    for (;;) {
      this.skipSpaces();
      if (this.peek() !== "&" || this.peek(1) === "&") return left;
      this.i++;
      const right = this.parseConditional();
      if (!right) return left;
      if (!left) throw new BatchSyntaxError("& was unexpected at this time.");
      left = { kind: "then", left, right };
    }
  }

  private parseConditional(first?: Command): Command | undefined {
    let left = this.parsePipeline(first);
    for (;;) {
      this.skipSpaces();
      const c = this.peek();
      const op =
        c === "&" && this.peek(1) === "&"
          ? "and"
          : c === "|" && this.peek(1) === "|"
            ? "or"
            : undefined;
      if (!op) return left;
      this.i += 2;
      const right = this.parsePipeline();
      if (!left || !right) throw new BatchSyntaxError(`${c}${c} was unexpected at this time.`);
      left = { kind: op, left, right };
    }
  }

  private parsePipeline(first?: Command): Command | undefined {
    let left = first ?? this.parseCommand();
    for (;;) {
      this.skipSpaces();
      if (this.peek() !== "|" || this.peek(1) === "|") return left;
      this.i++;
      const right = this.parseCommand();
      if (!left || !right) throw new BatchSyntaxError("| was unexpected at this time.");
      left = { kind: "pipe", left, right };
    }
  }

  /** One command: a block, IF, FOR, REM, a label (ignored) or a simple command. */
  private parseCommand(): Command | undefined {
    let quiet = false;
    for (;;) {
      const c = this.peek();
      if (isDelimiter(c)) this.i++;
      else if (c === "@") {
        quiet = true;
        this.i++;
      } else break;
    }
    if (this.peek() === "\n" && this.depth > 0) return undefined;
    if (this.atCommandEnd()) return undefined;
    const c = this.peek();
    if (c === "(") return this.parseBlock(quiet);
    if (c === ":") {
      while (this.peek() !== undefined && this.peek() !== "\n") this.i++;
      return undefined;
    }
    const word = this.peekWord();
    const after = this.s[this.i + word.length];
    const keyword = word.toLowerCase();
    if (keyword === "rem" && (after === undefined || isDelimiter(after) || after === "\n")) {
      return this.parseRem(quiet);
    }
    if (keyword === "if" && (isDelimiter(after) || after === "(")) return this.parseIf(quiet);
    if (keyword === "for" && isDelimiter(after)) return this.parseFor(quiet);
    return this.parseSimple(quiet);
  }

  private peekWord(): string {
    let j = this.i;
    while (j < this.s.length && /[A-Za-z]/.test(this.s.charAt(j))) j++;
    return this.s.slice(this.i, j);
  }

  private parseRem(quiet: boolean): RemCommand {
    const start = this.i;
    while (this.peek() !== undefined && this.peek() !== "\n") this.i++;
    return { kind: "rem", text: this.s.slice(start, this.i).replace(/\s+$/, ""), quiet };
  }

  private parseBlock(quiet: boolean): BlockCommand {
    this.i++;
    this.depth++;
    const body: Command[] = [];
    for (;;) {
      const command = this.parseSequence();
      if (command) body.push(command);
      const c = this.peek();
      if (c === undefined) throw new IncompleteInput();
      if (c === "\n") {
        this.i++;
        continue;
      }
      if (c === ")") {
        this.i++;
        break;
      }
      throw new BatchSyntaxError(syntaxIncorrect);
    }
    this.depth--;
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.peek();
      if (
        c === ">" ||
        c === "<" ||
        (c !== undefined && c >= "0" && c <= "9" && (this.peek(1) === ">" || this.peek(1) === "<"))
      ) {
        let handle = c === "<" ? 0 : 1;
        if (c >= "0" && c <= "9") {
          handle = Number(c);
          this.i++;
        }
        redirects.push(this.readRedirect(handle));
      } else break;
    }
    return { kind: "block", body, redirects, quiet };
  }

  /** Reads a redirection operator and its target at `>`/`<`. */
  private readRedirect(handle: number): Redirect {
    let op: Redirect["op"];
    if (this.peek() === "<") {
      op = "<";
      this.i++;
    } else if (this.peek(1) === ">") {
      op = ">>";
      this.i += 2;
    } else {
      op = ">";
      this.i++;
    }
    this.skipSpaces();
    const d = this.peek(1);
    if (this.peek() === "&" && d !== undefined && d >= "0" && d <= "9") {
      this.i += 2;
      return { handle, op, target: "", duplicate: Number(d) };
    }
    const target = this.readWord(false);
    if (target === "") throw new BatchSyntaxError("The syntax of the command is incorrect.");
    return { handle, op, target };
  }

  /**
   * Reads one word up to unquoted whitespace or a special character, removing carets outside
   * quotes. With `stopAtEquals`, `=` also ends it (IF operands).
   */
  private readWord(stopAtEquals: boolean): string {
    let out = "";
    let quoted = false;
    for (;;) {
      const c = this.peek();
      if (c === undefined) return out;
      if (c === "\n" && !quoted) return out;
      if (!quoted) {
        if (isSpace(c) || c === "&" || c === "|" || c === "<" || c === ">") return out;
        if (c === ")" && this.depth > 0) return out;
        if (stopAtEquals && c === "=" && this.peek(1) === "=") return out;
        if (c === "^") {
          this.i++;
          out += this.readEscaped();
          continue;
        }
      }
      if (c === '"') quoted = !quoted;
      out += c;
      this.i++;
    }
  }

  /** The character after a caret; a caret before the end of a line joins the next line. */
  private readEscaped(): string {
    const c = this.peek();
    if (c === undefined) throw new IncompleteInput();
    if (c === "\n") {
      this.i++;
      const next = this.peek();
      if (next === undefined) throw new IncompleteInput();
      this.i++;
      return next;
    }
    this.i++;
    return c;
  }

  private parseSimple(quiet: boolean): SimpleCommand {
    let text = "";
    const redirects: Redirect[] = [];
    let quoted = false;
    for (;;) {
      const c = this.peek();
      if (c === undefined) break;
      if (quoted) {
        if (c === "\n") break;
        if (c === '"') quoted = false;
        text += c;
        this.i++;
        continue;
      }
      if (c === "&" || c === "|" || c === "\n" || (c === ")" && this.depth > 0)) break;
      if (c === ">" || c === "<") {
        let handle = c === "<" ? 0 : 1;
        const last = text[text.length - 1];
        if (
          last !== undefined &&
          last >= "0" &&
          last <= "9" &&
          (text.length === 1 || isDelimiter(text[text.length - 2]))
        ) {
          handle = Number(last);
          text = text.slice(0, -1);
        }
        redirects.push(this.readRedirect(handle));
        continue;
      }
      if (c === "^") {
        this.i++;
        text += this.readEscaped();
        continue;
      }
      if (c === '"') quoted = true;
      text += c;
      this.i++;
    }
    return { kind: "simple", text, redirects, quiet };
  }

  private expectKeyword(keyword: string): void {
    this.skipDelimiters();
    const word = this.peekWord();
    if (word.toLowerCase() !== keyword) {
      throw new BatchSyntaxError(`${this.readWordForMessage()} was unexpected at this time.`);
    }
    this.i += word.length;
  }

  private readWordForMessage(): string {
    let j = this.i;
    while (j < this.s.length && !isSpace(this.s[j]) && this.s[j] !== "\n") j++;
    return this.s.slice(this.i, j) || "(";
  }

  private skipDelimiters(): void {
    while (isDelimiter(this.peek())) this.i++;
  }

  private parseIf(quiet: boolean): IfCommand {
    this.i += 2;
    this.skipDelimiters();
    let ignoreCase = false;
    let negate = false;
    if (this.peek() === "/" && this.peek(1)?.toLowerCase() === "i" && isDelimiter(this.peek(2))) {
      ignoreCase = true;
      this.i += 2;
      this.skipDelimiters();
    }
    if (this.peekWord().toLowerCase() === "not" && isDelimiter(this.peek(3))) {
      negate = true;
      this.i += 3;
      this.skipDelimiters();
    }
    const condition = this.parseCondition();
    this.skipSpaces();
    if (this.atCommandEnd()) throw new BatchSyntaxError(syntaxIncorrect);
    const first = this.parseCommand();
    if (!first) throw new BatchSyntaxError(syntaxIncorrect);
    if (first.kind === "block") {
      this.skipSpaces();
      const word = this.peekWord();
      const after = this.s[this.i + word.length];
      if (
        word.toLowerCase() === "else" &&
        (after === undefined || isDelimiter(after) || after === "(")
      ) {
        this.i += 4;
        const otherwise = this.parseSequence();
        if (!otherwise) throw new BatchSyntaxError(syntaxIncorrect);
        return { kind: "if", ignoreCase, negate, condition, then: first, otherwise, quiet };
      }
    }
    const then = this.parseSequence(first) ?? first;
    return { kind: "if", ignoreCase, negate, condition, then, otherwise: undefined, quiet };
  }

  private parseCondition(): Condition {
    const word = this.peekWord();
    const keyword = word.toLowerCase();
    if (
      ["errorlevel", "defined", "exist", "cmdextversion"].includes(keyword) &&
      isDelimiter(this.s[this.i + word.length])
    ) {
      this.i += word.length;
      this.skipDelimiters();
      const arg = this.readWord(false);
      if (arg === "") throw new BatchSyntaxError(syntaxIncorrect);
      if (keyword === "errorlevel") return { type: "errorlevel", value: arg };
      if (keyword === "defined") return { type: "defined", name: arg };
      if (keyword === "exist") return { type: "exist", path: arg };
      return { type: "cmdextversion", value: arg };
    }
    const left = this.readWord(true);
    this.skipSpaces();
    let op: string;
    if (this.peek() === "=" && this.peek(1) === "=") {
      op = "==";
      this.i += 2;
      while (this.peek() === "=") this.i++;
    } else {
      const opWord = this.peekWord().toLowerCase();
      if (!compareOperators.has(opWord) || !isSpace(this.s[this.i + 3])) {
        throw new BatchSyntaxError(`${this.readWordForMessage()} was unexpected at this time.`);
      }
      op = opWord;
      this.i += 3;
    }
    this.skipSpaces();
    const right = this.readWord(false);
    if (left === "" || right === "") throw new BatchSyntaxError(syntaxIncorrect);
    return { type: "compare", op, left, right };
  }

  private parseFor(quiet: boolean): ForCommand {
    this.i += 3;
    this.skipDelimiters();
    let mode: ForCommand["mode"] = "";
    if (this.peek() === "/") {
      const sw = this.peek(1)?.toLowerCase();
      if (sw === "f" || sw === "l") mode = sw;
      else throw new BatchSyntaxError(`/${this.peek(1) ?? ""} was unexpected at this time.`);
      this.i += 2;
      this.skipDelimiters();
    }
    let options = "";
    if (mode === "f" && this.peek() !== "%") {
      if (this.peek() === '"') {
        const close = this.s.indexOf('"', this.i + 1);
        if (close < 0) throw new BatchSyntaxError(syntaxIncorrect);
        options = this.s.slice(this.i + 1, close);
        this.i = close + 1;
      } else {
        const start = this.i;
        while (this.peek() !== undefined && !isSpace(this.peek())) this.i++;
        options = this.s.slice(start, this.i);
      }
      this.skipDelimiters();
    }
    if (this.peek() !== "%" || this.peek(1) === undefined) {
      throw new BatchSyntaxError(`${this.readWordForMessage()} was unexpected at this time.`);
    }
    const variable = this.s.charAt(this.i + 1);
    this.i += 2;
    this.expectKeyword("in");
    this.skipDelimiters();
    if (this.peek() !== "(") {
      throw new BatchSyntaxError(`${this.readWordForMessage()} was unexpected at this time.`);
    }
    this.i++;
    let set = "";
    let quoted = false;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new IncompleteInput();
      if (!quoted && c === ")") {
        this.i++;
        break;
      }
      if (!quoted && c === "^") {
        this.i++;
        set += this.readEscaped();
        continue;
      }
      if (c === '"') quoted = !quoted;
      set += c === "\n" ? " " : c;
      this.i++;
    }
    this.expectKeyword("do");
    this.skipSpaces();
    const body = this.parseSequence();
    if (!body) throw new BatchSyntaxError(syntaxIncorrect);
    return { kind: "for", mode, options, variable, set, body, quiet };
  }
}
