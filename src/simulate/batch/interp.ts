/**
 * Execution: runs a batch script the way cmd.exe does, one line (or parenthesized block) at a
 * time. Each line is read when execution reaches it, percent-expanded (phase 1), parsed
 * (phase 2), echoed when ECHO is on (phase 3), and its commands get FOR variables (phase 4)
 * and delayed expansion (phase 5) as they run (cmd-semantics.md §2). External programs go
 * through the injected World; files live in a MemoryFileSystem.
 */
import type { World } from "../types.js";
import { StepLimitError } from "../types.js";
import { programName, splitCommandLine } from "../commandLine.js";
import { ArithmeticError, evaluateArithmetic } from "./arith.js";
import {
  expandDelayed,
  expandPercent,
  stripQuotes,
  substituteForVariables,
  type ExpansionScope,
  type PathInfo,
} from "./expand.js";
import { runFind, runFindstr } from "./filters.js";
import {
  ForOptionsError,
  forFLines,
  parseCInteger,
  parseForFOptions,
  tokenizeForFLine,
} from "./forF.js";
import { directoryOf, resolveWindowsPath, type MemoryFileSystem } from "./fs.js";
import {
  BatchSyntaxError,
  IncompleteInput,
  isDelimiter,
  parseLine,
  type Command,
  type Condition,
  type ForCommand,
  type Redirect,
} from "./syntax.js";

/** Everything a run needs that does not change while it runs. */
export interface InterpreterSetup {
  world: World;
  fs: MemoryFileSystem;
  /** Script path as %0 (`C:\rdlogoff\kb.bat`). */
  scriptPath: string;
  /** `.cmd` scripts reset ERRORLEVEL on a successful `set`; `.bat` scripts do not. */
  isCmdFile: boolean;
  date: string;
  time: string;
  randomSeed: number;
  maxSteps: number;
  maxMillis: number;
}

/** Counters shared by a run and the child shells it starts. */
export interface Budget {
  steps: number;
  deadline: number;
  random: number;
  /** The physical line being run (1-based) and its text, for StepLimitError. */
  line: number;
  lineText: string;
}

/** A batch context: the script itself or one `call :label`. */
export interface BatchContext {
  lines: readonly string[];
  labels: ReadonlyMap<string, readonly number[]>;
  pos: number;
  args: string[];
  rawArgs: string;
  /** setlocal scopes this context opened; they end with it. */
  localDepth: number;
  ended: boolean;
}

interface LocalScope {
  vars: Map<string, readonly [string, string]>;
  delayed: boolean;
  extensions: boolean;
  cwd: string;
}

type Sink = (text: string) => void;

const discard: Sink = () => undefined;
const notFoundFile = "The system cannot find the file specified.\r\n";
const notFoundPath = "The system cannot find the path specified.\r\n";
const syntaxIncorrect = "The syntax of the command is incorrect.\r\n";
const maxCallDepth = 700;

const internalCommands = new Set([
  "call",
  "cd",
  "chdir",
  "cls",
  "del",
  "echo",
  "endlocal",
  "erase",
  "exit",
  "goto",
  "md",
  "mkdir",
  "path",
  "pause",
  "popd",
  "pushd",
  "rd",
  "rmdir",
  "set",
  "setlocal",
  "shift",
  "title",
  "type",
]);

/** Label lines (`:name`, leading blanks allowed) by lower-cased name, in file order. */
export function indexLabels(lines: readonly string[]): Map<string, number[]> {
  const labels = new Map<string, number[]>();
  lines.forEach((line, index) => {
    const name = labelName(line);
    if (name === undefined) return;
    const list = labels.get(name);
    if (list) list.push(index);
    else labels.set(name, [index]);
  });
  return labels;
}

/** The lower-cased label a line defines, or undefined when it is not a label line. */
function labelName(line: string): string | undefined {
  let i = 0;
  while (i < line.length && isDelimiter(line[i])) i++;
  if (line[i] !== ":") return undefined;
  i++;
  const start = i;
  while (i < line.length && !isDelimiter(line[i]) && !"+:&|<>^\r".includes(line.charAt(i))) i++;
  return line.slice(start, i).toLowerCase();
}

/** Splits `call` and script arguments at cmd's delimiters; quotes group and are kept. */
export function splitBatchArguments(text: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isDelimiter(text[i])) i++;
    if (i >= text.length) break;
    let arg = "";
    let quoted = false;
    while (i < text.length && (quoted || !isDelimiter(text[i]))) {
      if (text[i] === '"') quoted = !quoted;
      arg += text[i];
      i++;
    }
    args.push(arg);
  }
  return args;
}

function isQuiet(command: Command): boolean {
  switch (command.kind) {
    case "then":
    case "and":
    case "or":
    case "pipe":
      return isQuiet(command.left);
    default:
      return command.quiet;
  }
}

/** How cmd shows a command when ECHO is on (redirections moved to the end as ` 1>file`). */
function showCommand(command: Command, sub: (text: string) => string): string {
  const redirects = (list: Redirect[]): string =>
    list
      .map(
        (r) =>
          ` ${r.handle}${r.op}${r.duplicate === undefined ? sub(r.target) : `&${r.duplicate}`}`,
      )
      .join("");
  switch (command.kind) {
    case "simple":
      return sub(command.text) + redirects(command.redirects);
    case "rem":
      return command.text;
    case "block":
      return `(${command.body.map((c) => showCommand(c, sub)).join("\r\n")}\r\n)${redirects(command.redirects)}`;
    case "if": {
      const c = command.condition;
      const test =
        c.type === "compare"
          ? `${sub(c.left)} ${c.op === "==" ? "==" : c.op.toUpperCase()} ${sub(c.right)}`
          : `${c.type} ${sub(c.type === "errorlevel" || c.type === "cmdextversion" ? c.value : c.type === "defined" ? c.name : c.path)}`;
      const head = `if ${command.ignoreCase ? "/I " : ""}${command.negate ? "not " : ""}${test} ${showCommand(command.then, sub)}`;
      return command.otherwise ? `${head} else ${showCommand(command.otherwise, sub)}` : head;
    }
    case "for": {
      const mode = command.mode ? `/${command.mode.toUpperCase()} ` : "";
      const options = command.options ? `"${command.options}" ` : "";
      return `for ${mode}${options}%${command.variable} in (${sub(command.set)}) do ${showCommand(command.body, sub)}`;
    }
    case "then":
      return `${showCommand(command.left, sub)}  & ${showCommand(command.right, sub)}`;
    case "and":
      return `${showCommand(command.left, sub)}  && ${showCommand(command.right, sub)}`;
    case "or":
      return `${showCommand(command.left, sub)}  || ${showCommand(command.right, sub)}`;
    case "pipe":
      return `${showCommand(command.left, sub)} | ${showCommand(command.right, sub)}`;
  }
}

/** One cmd.exe process: the script's shell, or a child (`for /f ('...')`, a pipe side). */
export class BatchInterpreter implements ExpansionScope {
  vars: Map<string, readonly [string, string]>;
  delayed = false;
  extensions = true;
  cwd: string;
  echoOn: boolean;
  errorLevel = 0;
  /** The return code of the last command, for `&&` and `||`. */
  status = 0;
  exited = false;
  exitCode: number | undefined;
  out: Sink;
  err: Sink;
  stdin = "";
  private forVars = new Map<string, string>();
  private readonly localStack: LocalScope[] = [];
  private readonly dirStack: string[] = [];
  /** Set by goto, exit and syntax errors: stop the current line's remaining commands. */
  private jumped = false;
  private context: BatchContext | undefined;
  private callDepth = 0;
  /** chcp's active code page; output stays byte strings whatever it is. */
  private codePage = "437";

  constructor(
    private readonly setup: InterpreterSetup,
    private readonly budget: Budget,
    init: {
      vars: Map<string, readonly [string, string]>;
      cwd: string;
      echoOn: boolean;
      out: Sink;
      err: Sink;
    },
  ) {
    this.vars = init.vars;
    this.cwd = init.cwd;
    this.echoOn = init.echoOn;
    this.out = init.out;
    this.err = init.err;
  }

  /** A fresh budget for a run starting now. */
  static budget(setup: InterpreterSetup): Budget {
    return {
      steps: 0,
      deadline: Date.now() + setup.maxMillis,
      random: setup.randomSeed >>> 0,
      line: 0,
      lineText: "",
    };
  }

  // ExpansionScope

  lookup(name: string): string | undefined {
    const entry = this.vars.get(name.toUpperCase());
    if (entry) return entry[1];
    switch (name.toUpperCase()) {
      case "CD":
        return this.cwd;
      case "ERRORLEVEL":
        return String(this.errorLevel);
      case "DATE":
        return this.setup.date;
      case "TIME":
        return this.setup.time;
      case "RANDOM":
        return String(this.nextRandom());
      case "CMDEXTVERSION":
        return "2";
      case "CMDCMDLINE":
        return `C:\\Windows\\system32\\cmd.exe /c ""${this.setup.scriptPath}" "`;
      default:
        return undefined;
    }
  }

  argument(n: number): string | undefined {
    return this.context?.args[n];
  }

  allArguments(): string {
    return this.context?.rawArgs ?? "";
  }

  pathInfo(path: string): PathInfo {
    const fullPath = this.resolve(path);
    const content = this.setup.fs.read(fullPath);
    return {
      fullPath,
      exists: content !== undefined || this.setup.fs.isDirectory(fullPath),
      size: content?.length ?? 0,
    };
  }

  // Variables

  setVariable(name: string, value: string): void {
    if (value === "") this.vars.delete(name.toUpperCase());
    else this.vars.set(name.toUpperCase(), [name, value]);
  }

  private nextRandom(): number {
    // A seeded linear congruential generator: %RANDOM% must be the same on every run.
    this.budget.random = (Math.imul(this.budget.random, 1103515245) + 12345) >>> 0;
    return (this.budget.random >>> 16) & 0x7fff;
  }

  private resolve(path: string): string {
    return resolveWindowsPath(this.cwd, path);
  }

  // Steps

  private step(): void {
    const budget = this.budget;
    budget.steps++;
    if (budget.steps > this.setup.maxSteps) {
      throw new StepLimitError(
        budget.steps - 1,
        `Step limit of ${this.setup.maxSteps} reached at line ${budget.line}: ${budget.lineText}`,
      );
    }
    if ((budget.steps & 255) === 0 && Date.now() > budget.deadline) {
      throw new StepLimitError(
        budget.steps,
        `Time limit of ${this.setup.maxMillis} ms reached after ${budget.steps} steps at line ${budget.line}: ${budget.lineText}`,
      );
    }
  }

  // Batch contexts

  /** Runs a script (or a called label) until it ends, then ends its setlocal scopes. */
  runContext(context: BatchContext): void {
    const outer = this.context;
    this.context = context;
    try {
      while (!context.ended && !this.exited && context.pos < context.lines.length) {
        this.jumped = false;
        this.runNextLine(context);
      }
    } finally {
      for (; context.localDepth > 0; context.localDepth--) this.endLocal();
      this.context = outer;
      this.jumped = false;
    }
  }

  /** A context for the script's own lines. */
  static scriptContext(lines: readonly string[], args: string[], scriptPath: string): BatchContext {
    return {
      lines,
      labels: indexLabels(lines),
      pos: 0,
      args: [scriptPath, ...args],
      rawArgs: args.join(" "),
      localDepth: 0,
      ended: false,
    };
  }

  private readLine(context: BatchContext): string {
    const index = context.pos++;
    const raw = context.lines[index] ?? "";
    const line = raw.includes("\r") ? raw.replace(/\r/g, "") : raw;
    this.budget.line = index + 1;
    this.budget.lineText = line;
    return line;
  }

  private runNextLine(context: BatchContext): void {
    const line = this.readLine(context);
    this.step();
    if (labelName(line) !== undefined) return;
    let text = expandPercent(line, this);
    let command: Command | undefined;
    for (;;) {
      try {
        command = parseLine(text);
        break;
      } catch (error) {
        if (error instanceof IncompleteInput) {
          if (context.pos >= context.lines.length) return;
          text += `\n${expandPercent(this.readLine(context), this)}`;
          continue;
        }
        if (error instanceof BatchSyntaxError) {
          this.err(`${error.message}\r\n`);
          this.errorLevel = 255;
          this.exited = true;
          return;
        }
        throw error;
      }
    }
    if (!command) return;
    if (this.echoOn && !isQuiet(command)) this.echoCommand(showCommand(command, (t) => t));
    this.execute(command);
  }

  private echoCommand(shown: string): void {
    this.out(`\r\n${this.cwd}>${shown}\r\n`);
  }

  // Commands

  /** Runs one parsed command; stops early once a goto or exit happened. */
  execute(command: Command): void {
    if (this.jumped || this.exited) return;
    switch (command.kind) {
      case "simple":
        this.runSimple(command.text, command.redirects);
        return;
      case "rem":
        return;
      case "block":
        this.withRedirects(command.redirects, () => {
          for (const inner of command.body) {
            this.execute(inner);
            if (this.jumped || this.exited) return;
          }
        });
        return;
      case "if":
        this.runIf(
          command.ignoreCase,
          command.negate,
          command.condition,
          command.then,
          command.otherwise,
        );
        return;
      case "for":
        this.runFor(command);
        return;
      case "then":
        this.execute(command.left);
        this.execute(command.right);
        return;
      case "and":
        this.execute(command.left);
        if (this.status === 0) this.execute(command.right);
        return;
      case "or":
        this.execute(command.left);
        if (this.status !== 0) this.execute(command.right);
        return;
      case "pipe":
        this.runPipe(command.left, command.right);
        return;
    }
  }

  /** Phases 4 and 5 on a piece of command text. */
  private late(text: string): string {
    const substituted = substituteForVariables(text, this.forVars, this);
    return this.delayed ? expandDelayed(substituted, this) : substituted;
  }

  private runSimple(text: string, redirects: Redirect[]): void {
    this.step();
    const finalText = this.late(text);
    if (redirects.length === 0) this.invoke(finalText);
    else this.withRedirects(redirects, () => this.invoke(finalText));
  }

  /** Applies redirections left to right around `run`, then restores the handles. */
  private withRedirects(redirects: Redirect[], run: () => void): void {
    if (redirects.length === 0) {
      run();
      return;
    }
    const saved = { out: this.out, err: this.err, stdin: this.stdin };
    try {
      for (const r of redirects) {
        let sink: Sink;
        if (r.duplicate !== undefined) {
          sink = r.duplicate === 2 ? this.err : r.duplicate === 1 ? this.out : discard;
        } else {
          const target = stripQuotes(this.late(r.target));
          const isNul = /^nul:?$/i.test(target);
          if (r.op === "<") {
            if (isNul) this.stdin = "";
            else {
              const content = this.setup.fs.read(this.resolve(target));
              if (content === undefined) {
                this.err(notFoundFile);
                this.fail(1);
                return;
              }
              this.stdin = content;
            }
            continue;
          }
          if (isNul) sink = discard;
          else {
            const path = this.resolve(target);
            const fs = this.setup.fs;
            const ok = r.op === ">" ? fs.write(path, "") : fs.isFile(path) || fs.write(path, "");
            if (!ok || fs.isDirectory(path)) {
              this.err(ok ? "Access is denied.\r\n" : notFoundPath);
              this.fail(1);
              return;
            }
            sink = (t) => void fs.write(path, t, true);
          }
        }
        if (r.handle === 1) this.out = sink;
        else if (r.handle === 2) this.err = sink;
      }
      run();
    } finally {
      this.out = saved.out;
      this.err = saved.err;
      this.stdin = saved.stdin;
    }
  }

  private fail(code: number): void {
    this.errorLevel = code;
    this.status = code;
  }

  private succeed(): void {
    this.errorLevel = 0;
    this.status = 0;
  }

  /** Phase 7: finds the command in the text and runs it. */
  private invoke(text: string): void {
    let start = 0;
    while (start < text.length && isDelimiter(text[start])) start++;
    if (start >= text.length) return;
    let end = start;
    while (end < text.length && /[A-Za-z]/.test(text.charAt(end))) end++;
    const word = text.slice(start, end).toLowerCase();
    const next = text[end];
    if (
      internalCommands.has(word) &&
      (next === undefined || !/[A-Za-z0-9_\-$#@{}~`!']/.test(next))
    ) {
      this.status = 0;
      this.runInternal(word, text.slice(end));
      return;
    }
    let quoted = false;
    end = start;
    while (end < text.length && (quoted || (text[end] !== " " && text[end] !== "\t"))) {
      if (text[end] === '"') quoted = !quoted;
      end++;
    }
    this.runProgram(text.slice(start, end), text.slice(end));
  }

  private runProgram(token: string, tail: string): void {
    const name = programName(token);
    const readFile = (file: string): string | undefined => this.setup.fs.read(this.resolve(file));
    let result;
    switch (name) {
      case "find":
        result = runFind(splitCommandLine(tail), this.stdin, readFile);
        break;
      case "findstr":
        result = runFindstr(splitCommandLine(tail), this.stdin, readFile);
        break;
      case "chcp":
        this.chcp(tail);
        return;
      case "timeout":
        this.timeout(tail);
        return;
      case "cmd":
        this.cmd(tail);
        return;
      default:
        result = this.setup.world.exec(token.replace(/"/g, ""), tail, this.stdin);
    }
    if (result === undefined) {
      this.err(
        `'${token.replace(/"/g, "")}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n`,
      );
      this.fail(9009);
      return;
    }
    this.out(result.stdout);
    this.err(result.stderr);
    this.errorLevel = result.exitCode;
    this.status = result.exitCode;
  }

  private runInternal(name: string, tail: string): void {
    switch (name) {
      case "echo":
        return this.echo(tail);
      case "set":
        return this.set(tail);
      case "setlocal":
        return this.setLocal(tail);
      case "endlocal":
        if (this.context && this.context.localDepth > 0) {
          this.context.localDepth--;
          this.endLocal();
        }
        return;
      case "goto":
        return this.goto(tail);
      case "call":
        return this.call(tail);
      case "exit":
        return this.exit(tail);
      case "shift":
        return this.shift(tail);
      case "type":
        return this.type(tail);
      case "del":
      case "erase":
        return this.del(tail);
      case "cd":
      case "chdir":
        return this.cd(tail);
      case "pushd":
        return this.pushd(tail);
      case "popd": {
        const previous = this.dirStack.pop();
        if (previous !== undefined) this.cwd = previous;
        return;
      }
      case "md":
      case "mkdir":
        return this.mkdir(tail);
      case "rd":
      case "rmdir":
        return this.rmdir(tail);
      case "path":
        return this.set(tail.trim() === "" ? "PATH" : `PATH=${tail.replace(/^[\s=]+/, "")}`);
      case "pause":
        this.out("Press any key to continue . . . \r\n");
        return;
      case "cls":
        this.out("\f");
        return;
      default:
        // title: the console window's title does not exist in a simulation.
        return;
    }
  }

  private echo(tail: string): void {
    const trimmed = tail.replace(/^[ \t]+|[ \t]+$/g, "");
    if (trimmed === "") {
      this.out(`ECHO is ${this.echoOn ? "on" : "off"}.\r\n`);
      return;
    }
    const first = tail.charAt(0);
    if (first === " " || first === "\t") {
      const word = trimmed.toLowerCase();
      if (word === "on" || word === "off") {
        this.echoOn = word === "on";
        return;
      }
    }
    this.out(`${tail.slice(1)}\r\n`);
  }

  private set(tail: string): void {
    const body0 = tail.replace(/^[ \t]+/, "");
    const switchMatch = /^\/([aApP])/.exec(body0);
    if (switchMatch) {
      const rest = body0.slice(2).replace(/^[ \t]+/, "");
      if ((switchMatch[1] ?? "").toLowerCase() === "a") return this.setArithmetic(rest);
      return this.setPrompt(rest);
    }
    let body = body0;
    if (body.startsWith('"')) {
      const last = body.lastIndexOf('"');
      body = last > 0 ? body.slice(1, last) : body.slice(1);
    }
    const eq = body.indexOf("=");
    if (eq < 0) {
      const prefix = body.toUpperCase();
      const matches = [...this.vars.values()]
        .filter(([name]) => name.toUpperCase().startsWith(prefix))
        .sort((a, b) => (a[0].toUpperCase() < b[0].toUpperCase() ? -1 : 1));
      if (matches.length === 0) {
        this.err(`Environment variable ${body} not defined\r\n`);
        this.fail(1);
        return;
      }
      for (const [name, value] of matches) this.out(`${name}=${value}\r\n`);
      return;
    }
    if (eq === 0) {
      this.err(syntaxIncorrect);
      this.fail(1);
      return;
    }
    this.setVariable(body.slice(0, eq), body.slice(eq + 1));
    if (this.setup.isCmdFile) this.succeed();
  }

  private setArithmetic(expression: string): void {
    try {
      evaluateArithmetic(expression, {
        get: (name) => this.lookup(name.trim()),
        set: (name, value) => this.setVariable(name.trim(), value),
      });
      if (this.setup.isCmdFile) this.succeed();
    } catch (error) {
      if (!(error instanceof ArithmeticError)) throw error;
      this.err(`${error.message}\r\n`);
      this.fail(error.errorLevel);
    }
  }

  private setPrompt(text: string): void {
    const eq = text.indexOf("=");
    if (eq <= 0) {
      this.err(syntaxIncorrect);
      this.fail(1);
      return;
    }
    this.out(stripQuotes(text.slice(eq + 1)));
    const newline = this.stdin.indexOf("\n");
    const line = newline < 0 ? this.stdin : this.stdin.slice(0, newline);
    this.stdin = newline < 0 ? "" : this.stdin.slice(newline + 1);
    const value = line.replace(/\r$/, "");
    if (value === "") {
      this.fail(1);
      return;
    }
    this.setVariable(text.slice(0, eq), value);
  }

  private setLocal(tail: string): void {
    let delayed = this.delayed;
    let extensions = this.extensions;
    for (const word of splitBatchArguments(tail)) {
      switch (word.toLowerCase()) {
        case "enabledelayedexpansion":
          delayed = true;
          break;
        case "disabledelayedexpansion":
          delayed = false;
          break;
        case "enableextensions":
          extensions = true;
          break;
        case "disableextensions":
          extensions = false;
          break;
        default:
          this.err("Invalid parameter to SETLOCAL command\r\n");
          this.fail(1);
          return;
      }
    }
    this.localStack.push({
      vars: this.vars,
      delayed: this.delayed,
      extensions: this.extensions,
      cwd: this.cwd,
    });
    this.vars = new Map(this.vars);
    this.delayed = delayed;
    this.extensions = extensions;
    if (this.context) this.context.localDepth++;
    this.succeed();
  }

  private endLocal(): void {
    const scope = this.localStack.pop();
    if (!scope) return;
    this.vars = scope.vars;
    this.delayed = scope.delayed;
    this.extensions = scope.extensions;
    this.cwd = scope.cwd;
  }

  private findLabel(context: BatchContext, name: string): number | undefined {
    const positions = context.labels.get(name.toLowerCase());
    if (!positions) return undefined;
    return positions.find((p) => p >= context.pos) ?? positions[0];
  }

  private labelFromArgument(tail: string): string {
    const text = tail.replace(/^[ \t,;=]+/, "").replace(/^:/, "");
    const m = /^[^ \t,;=+:&|<>^]*/.exec(text);
    return m ? m[0] : "";
  }

  private goto(tail: string): void {
    const context = this.context;
    if (!context) return;
    const label = this.labelFromArgument(tail);
    if (label === "") {
      this.err("No batch label specified to GOTO command.\r\n");
      this.fail(1);
      context.ended = true;
      this.jumped = true;
      return;
    }
    this.jumped = true;
    if (label.toLowerCase() === "eof") {
      context.ended = true;
      return;
    }
    const at = this.findLabel(context, label);
    if (at === undefined) {
      this.err(`The system cannot find the batch label specified - ${label}\r\n`);
      this.fail(1);
      context.ended = true;
      return;
    }
    context.pos = at + 1;
  }

  private call(tail: string): void {
    const expanded = expandPercent(tail, this);
    const text = expanded.replace(/^[ \t,;=]+/, "");
    if (text === "") {
      this.fail(tail === "" ? 1 : 0);
      return;
    }
    const context = this.context;
    if (!text.startsWith(":") || !context) {
      let command: Command | undefined;
      try {
        command = parseLine(text);
      } catch (error) {
        if (!(error instanceof BatchSyntaxError || error instanceof IncompleteInput)) throw error;
        this.err(syntaxIncorrect);
        this.fail(1);
        return;
      }
      if (command) this.execute(command);
      return;
    }
    const label = this.labelFromArgument(text);
    const at = this.findLabel(context, label);
    if (at === undefined) {
      this.err(`The system cannot find the batch label specified - ${label}\r\n`);
      this.fail(1);
      return;
    }
    if (this.callDepth >= maxCallDepth) {
      this.err(
        `******  B A T C H   R E C U R S I O N  exceeds STACK limits ******\r\nRecursion Count=${maxCallDepth}, Stack Usage=90 percent\r\n******       B A T C H   PROCESSING IS   A B O R T E D      ******\r\n`,
      );
      this.exited = true;
      this.jumped = true;
      return;
    }
    const argText = text.slice(1 + label.length);
    this.callDepth++;
    try {
      this.runContext({
        lines: context.lines,
        labels: context.labels,
        pos: at + 1,
        args: [`:${label}`, ...splitBatchArguments(argText)],
        rawArgs: argText.replace(/^[ \t,;=]+/, ""),
        localDepth: 0,
        ended: false,
      });
    } finally {
      this.callDepth--;
    }
    this.status = this.errorLevel;
  }

  private exit(tail: string): void {
    const words = splitBatchArguments(tail);
    const local = words[0]?.toLowerCase() === "/b";
    const codeText = local ? words[1] : words[0];
    const code = codeText === undefined ? undefined : parseCInteger(codeText);
    if (code !== undefined) this.fail(Number.isNaN(code) ? 0 : code);
    this.jumped = true;
    if (local && this.context) {
      this.context.ended = true;
      return;
    }
    this.exited = true;
    this.exitCode = this.errorLevel;
  }

  private shift(tail: string): void {
    const args = this.context?.args;
    if (!args) return;
    const m = /^\s*\/([0-8])/.exec(tail);
    args.splice(m ? Number(m[1]) : 0, 1);
  }

  private type(tail: string): void {
    const names = splitBatchArguments(tail).filter((a) => !a.startsWith("/"));
    if (names.length === 0) {
      this.err(syntaxIncorrect);
      this.fail(1);
      return;
    }
    let failed = false;
    for (const name of names) {
      const content = this.setup.fs.read(this.resolve(stripQuotes(name)));
      if (content === undefined) {
        this.err(notFoundFile);
        failed = true;
        continue;
      }
      if (names.length > 1) this.err(`\r\n${stripQuotes(name)}\r\n\r\n\r\n`);
      this.out(content);
    }
    if (failed) this.fail(1);
    else this.succeed();
  }

  private del(tail: string): void {
    const names = splitBatchArguments(tail).filter((a) => !a.startsWith("/"));
    if (names.length === 0) {
      this.err(syntaxIncorrect);
      this.fail(1);
      return;
    }
    const fs = this.setup.fs;
    for (const name of names) {
      const path = this.resolve(stripQuotes(name));
      const matches = /[*?]/.test(path)
        ? fs.glob(directoryOf(path), path.slice(directoryOf(path).length))
        : [path];
      const existing = matches.filter((p) => fs.isFile(p));
      if (existing.length === 0) this.err(`Could Not Find ${path}\r\n`);
      for (const p of existing) fs.delete(p);
    }
    this.succeed();
  }

  private directoryArgument(tail: string): string {
    return stripQuotes(
      tail
        .replace(/^[ \t]+/, "")
        .replace(/^\/d[ \t]+/i, "")
        .replace(/[ \t]+$/, ""),
    );
  }

  private cd(tail: string): void {
    const target = this.directoryArgument(tail);
    if (target === "") {
      this.out(`${this.cwd}\r\n`);
      return;
    }
    const path = this.resolve(target);
    if (!this.setup.fs.isDirectory(path)) {
      this.err(notFoundPath);
      this.fail(1);
      return;
    }
    this.cwd = path;
    this.succeed();
  }

  private pushd(tail: string): void {
    const target = this.directoryArgument(tail);
    if (target === "") return;
    const path = this.resolve(target);
    if (!this.setup.fs.isDirectory(path)) {
      this.err(notFoundPath);
      this.fail(1);
      return;
    }
    this.dirStack.push(this.cwd);
    this.cwd = path;
    this.succeed();
  }

  private mkdir(tail: string): void {
    for (const name of splitBatchArguments(tail)) {
      const path = this.resolve(stripQuotes(name));
      if (this.setup.fs.isDirectory(path) || this.setup.fs.isFile(path)) {
        this.err(`A subdirectory or file ${stripQuotes(name)} already exists.\r\n`);
        this.fail(1);
        return;
      }
      this.setup.fs.addDirectory(path);
    }
    this.succeed();
  }

  private rmdir(tail: string): void {
    const words = splitBatchArguments(tail);
    const recursive = words.some((w) => /^\/s/i.test(w) || /^\/q\/s$|^\/s\/q$/i.test(w));
    for (const name of words.filter((w) => !w.startsWith("/"))) {
      if (!this.setup.fs.removeDirectory(this.resolve(stripQuotes(name)), recursive)) {
        this.err(notFoundFile);
        this.fail(2);
        return;
      }
    }
  }

  private chcp(tail: string): void {
    const arg = tail.trim();
    if (arg === "") {
      this.out(`Active code page: ${this.codePage}\r\n`);
      this.succeed();
      return;
    }
    if (
      !/^\d+$/.test(arg) ||
      !["437", "850", "852", "866", "1252", "65001", "932", "936"].includes(String(Number(arg)))
    ) {
      this.err("Invalid code page\r\n");
      this.fail(1);
      return;
    }
    this.codePage = String(Number(arg));
    this.out(`Active code page: ${this.codePage}\r\n`);
    this.succeed();
  }

  private timeout(tail: string): void {
    const args = splitCommandLine(tail);
    let seconds: number | undefined;
    let noBreak = false;
    for (let i = 0; i < args.length; i++) {
      const arg = (args[i] ?? "").toLowerCase();
      if (arg === "/nobreak") noBreak = true;
      else if (arg === "/t") seconds = Number(args[++i]);
      else if (/^-?\d+$/.test(arg) && seconds === undefined) seconds = Number(arg);
      else seconds = Number.NaN;
    }
    if (seconds === undefined || Number.isNaN(seconds) || seconds < -1 || seconds > 99999) {
      this.err(
        "ERROR: Invalid syntax. Default option is not allowed more than '1' time(s).\r\nType \"TIMEOUT /?\" for usage.\r\n",
      );
      this.fail(1);
      return;
    }
    const key = noBreak ? "press CTRL+C to quit ..." : "press a key to continue ...";
    this.out(`\r\nWaiting for 0 seconds, ${key}\r\n`);
    this.succeed();
  }

  /** `cmd /c command`: a child shell runs the command string. */
  private cmd(tail: string): void {
    const m = /^\s*((?:\/[A-Za-z](?::[A-Za-z]+)?\s*)*)\/[cCkK]\s?(.*)$/s.exec(tail);
    if (!m) {
      this.err(syntaxIncorrect);
      this.fail(1);
      return;
    }
    let command = m[2] ?? "";
    if (command.startsWith('"') && command.lastIndexOf('"') > 0) {
      const last = command.lastIndexOf('"');
      command = command.slice(1, last) + command.slice(last + 1);
    }
    const child = this.child(this.out);
    child.delayed = /\/v:on/i.test(m[1] ?? "");
    child.runCommandString(command);
    this.errorLevel = child.errorLevel;
    this.status = child.errorLevel;
  }

  /** A child cmd.exe: a copy of this environment and directory, its own output sink. */
  child(out: Sink): BatchInterpreter {
    const child = new BatchInterpreter(this.setup, this.budget, {
      vars: new Map(this.vars),
      cwd: this.cwd,
      echoOn: false,
      out,
      err: this.err,
    });
    child.errorLevel = this.errorLevel;
    child.forVars = new Map(this.forVars);
    return child;
  }

  /** Runs a command line the way `cmd /c` does: expanded and parsed once, then executed. */
  runCommandString(commandLine: string): void {
    let command: Command | undefined;
    try {
      command = parseLine(expandPercent(commandLine, this));
    } catch (error) {
      if (!(error instanceof BatchSyntaxError || error instanceof IncompleteInput)) throw error;
      this.err(error instanceof BatchSyntaxError ? `${error.message}\r\n` : syntaxIncorrect);
      this.fail(255);
      return;
    }
    if (command) this.execute(command);
  }

  private runPipe(left: Command, right: Command): void {
    let piped = "";
    const producer = this.child((t) => (piped += t));
    producer.stdin = this.stdin;
    producer.execute(left);
    const consumer = this.child(this.out);
    consumer.stdin = piped;
    consumer.execute(right);
    this.errorLevel = consumer.errorLevel;
    this.status = consumer.status;
  }

  private runIf(
    ignoreCase: boolean,
    negate: boolean,
    condition: Condition,
    then: Command,
    otherwise: Command | undefined,
  ): void {
    const result = this.testCondition(ignoreCase, condition);
    if (result === undefined) return;
    this.status = 0;
    if (result !== negate) this.execute(then);
    else if (otherwise) this.execute(otherwise);
  }

  private testCondition(ignoreCase: boolean, condition: Condition): boolean | undefined {
    switch (condition.type) {
      case "errorlevel": {
        const text = this.late(condition.value);
        if (!/^-?\d+$/.test(text)) return undefined;
        return this.errorLevel >= parseInt(text, 10);
      }
      case "cmdextversion": {
        const text = this.late(condition.value);
        return /^\d+$/.test(text) ? 2 >= parseInt(text, 10) : undefined;
      }
      case "defined":
        return this.vars.has(this.late(condition.name).toUpperCase());
      case "exist": {
        const path = this.resolve(stripQuotes(this.late(condition.path)));
        const fs = this.setup.fs;
        if (/[*?]/.test(path))
          return fs.glob(directoryOf(path), path.slice(directoryOf(path).length)).length > 0;
        return fs.isFile(path) || fs.isDirectory(path);
      }
      case "compare": {
        let left = this.late(condition.left);
        let right = this.late(condition.right);
        if (condition.op !== "==") {
          const a = parseCInteger(left);
          const b = parseCInteger(right);
          if (!Number.isNaN(a) && !Number.isNaN(b)) return compareWith(condition.op, a - b);
        }
        if (ignoreCase) {
          left = left.toLowerCase();
          right = right.toLowerCase();
        }
        if (condition.op === "==") return left === right;
        return compareWith(condition.op, left < right ? -1 : left > right ? 1 : 0);
      }
    }
  }

  private runFor(command: ForCommand): void {
    const saved = new Map(this.forVars);
    this.status = 0;
    try {
      if (command.mode === "f") this.runForF(command);
      else if (command.mode === "l") {
        const [start = 0, stepBy = 0, end = 0] = splitBatchArguments(this.late(command.set)).map(
          (n) => {
            const v = parseCInteger(n);
            return Number.isNaN(v) ? 0 : v;
          },
        );
        for (let i = start; stepBy >= 0 ? i <= end : i >= end; i += stepBy) {
          if (!this.iterate(command, [String(i)])) break;
        }
      } else {
        for (const item of splitBatchArguments(this.late(command.set))) {
          if (/[*?]/.test(item)) {
            const bare = stripQuotes(item);
            const path = this.resolve(bare);
            const prefix = bare.slice(
              0,
              Math.max(bare.lastIndexOf("\\"), bare.lastIndexOf("/")) + 1,
            );
            for (const match of this.setup.fs.glob(
              directoryOf(path),
              path.slice(directoryOf(path).length),
            )) {
              if (!this.iterate(command, [prefix + match.slice(directoryOf(match).length)])) return;
            }
          } else if (!this.iterate(command, [item])) return;
        }
      }
    } finally {
      this.forVars = saved;
    }
  }

  /** Runs the body once with the given FOR variable values; false to stop the loop. */
  private iterate(command: ForCommand, values: string[]): boolean {
    this.step();
    const base = command.variable.charCodeAt(0);
    for (let k = 0; k < values.length; k++)
      this.forVars.set(String.fromCharCode(base + k), values[k] ?? "");
    if (this.echoOn && !isQuiet(command.body)) {
      this.echoCommand(
        showCommand(command.body, (t) => substituteForVariables(t, this.forVars, this)),
      );
    }
    this.execute(command.body);
    return !this.jumped && !this.exited;
  }

  private runForF(command: ForCommand): void {
    let options;
    try {
      options = parseForFOptions(command.options);
    } catch (error) {
      if (!(error instanceof ForOptionsError)) throw error;
      this.err(`${error.message}\r\n`);
      this.status = 1;
      return;
    }
    const set = this.late(command.set).replace(/^[ \t]+|[ \t]+$/g, "");
    const quote = set[0];
    const stringQuote = options.usebackq ? "'" : '"';
    const commandQuote = options.usebackq ? "`" : "'";
    // Runs the body over one source's lines; false once the loop must stop.
    const run = (lines: string[]): boolean => {
      let skip = options.skip;
      for (const line of lines) {
        if (skip > 0) {
          skip--;
          continue;
        }
        const values = tokenizeForFLine(line, options);
        if (values && !this.iterate(command, values)) return false;
      }
      return true;
    };
    const last = set.length > 1 ? set.lastIndexOf(quote ?? "") : -1;
    if (quote === stringQuote && last > 0) {
      run([set.slice(1, last)]);
      return;
    }
    if (quote === commandQuote && last > 0) {
      let captured = "";
      this.child((t) => (captured += t)).runCommandString(set.slice(1, last));
      run(forFLines(captured));
      return;
    }
    for (const name of splitBatchArguments(set)) {
      const file = options.usebackq ? stripQuotes(name) : name;
      const content = this.setup.fs.read(this.resolve(file));
      if (content === undefined) {
        this.err(`The system cannot find the file ${file}.\r\n`);
        this.fail(1);
        return;
      }
      if (!run(forFLines(content))) return;
    }
  }
}

function compareWith(op: string, order: number): boolean {
  switch (op) {
    case "equ":
      return order === 0;
    case "neq":
      return order !== 0;
    case "lss":
      return order < 0;
    case "leq":
      return order <= 0;
    case "gtr":
      return order > 0;
    default:
      return order >= 0;
  }
}
