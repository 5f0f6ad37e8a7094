import type { LineTemplate } from "./lineTemplate.js";
import { StepLimitError, type World } from "../types.js";
import {
  expandDelayed,
  substituteForVariables,
  type ExpansionScope,
  type PathInfo,
} from "./expand.js";
import { resolveWindowsPath, type MemoryFileSystem } from "./fs.js";
import type { Command } from "./syntax.js";

/**
 * The state of one cmd.exe process, which every part of the interpreter works on:
 * statements.ts (control flow), builtins.ts and contexts.ts (internal commands), programs.ts
 * (the World), redirection.ts. A part calls the parts below it directly; running a command or
 * a batch context from below (`call`, `cmd /c`) goes through the abstract methods here, which
 * interp.ts wires, so no two parts import each other.
 */

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
}

/** Counters shared by a run and the child shells it starts. */
export interface Budget {
  steps: number;
  random: number;
  /** The physical line being run (1-based) and its text, for StepLimitError. */
  line: number;
  lineText: string;
}

/** A script's lines as cmd reads them, prepared once per script text (contexts.ts). */
export interface BatchScript {
  /** Each physical line without its CRs (cmd drops every CR of a line it reads). */
  lines: readonly string[];
  /** Whether each line is a label line, which does nothing when reached. */
  isLabel: readonly boolean[];
  /** Label lines by lower-cased name, in file order. */
  labels: ReadonlyMap<string, readonly number[]>;
  /** Each line's template for phases 1 and 2 (lineTemplate.ts), made when first read. */
  templates: (LineTemplate | undefined)[];
}

/** A batch context: the script itself or one `call :label`. */
export interface BatchContext {
  script: BatchScript;
  pos: number;
  args: string[];
  rawArgs: string;
  /** setlocal scopes this context opened; they end with it. */
  localDepth: number;
  ended: boolean;
}

/** What `setlocal` saves and `endlocal` restores. */
export interface LocalScope {
  /**
   * Each variable changed in the scope, by key, with the entry it had when the scope began
   * (undefined: not defined), kept at its first change. A copy of the whole environment at
   * each setlocal would cost its size: a script that keeps a few variables per listed session
   * and calls a routine with setlocal per session would be quadratic.
   */
  saved: Map<string, readonly [string, string] | undefined>;
  delayed: boolean;
  extensions: boolean;
  cwd: string;
}

/** Where a handle's text goes. */
export type Sink = (text: string) => void;

export const discard: Sink = () => undefined;
export const notFoundFile = "The system cannot find the file specified.\r\n";
export const notFoundPath = "The system cannot find the path specified.\r\n";
export const syntaxIncorrect = "The syntax of the command is incorrect.\r\n";

/** One cmd.exe process: the script's shell, or a child (`for /f ('...')`, a pipe side). */
export abstract class Shell implements ExpansionScope {
  readonly vars: Map<string, readonly [string, string]>;
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
  /** The FOR variables of the loops running now, by letter (`i` of `%%i`). */
  forVars = new Map<string, string>();
  readonly localStack: LocalScope[] = [];
  /** pushd's saved directories. */
  readonly dirStack: string[] = [];
  /** Set by goto, exit and syntax errors: stop the current line's remaining commands. */
  jumped = false;
  context: BatchContext | undefined;
  callDepth = 0;
  /** chcp's active code page; output stays byte strings whatever it is. */
  codePage = "437";

  constructor(
    readonly setup: InterpreterSetup,
    readonly budget: Budget,
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

  /** A child cmd.exe: a copy of this environment and directory, its own output sink. */
  abstract child(out: Sink): Shell;

  /** Runs one parsed command; stops early once a goto or exit happened. */
  abstract execute(command: Command): void;

  /** Runs a script (or a called label) until it ends, then ends its setlocal scopes. */
  abstract runContext(context: BatchContext): void;

  /** Runs a command line the way `cmd /c` does: expanded and parsed once, then executed. */
  abstract runCommandString(commandLine: string): void;

  // ExpansionScope

  lookup(name: string): string | undefined {
    return this.lookupKey(name.toUpperCase());
  }

  lookupKey(key: string): string | undefined {
    const entry = this.vars.get(key);
    if (entry) return entry[1];
    switch (key) {
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

  // Variables and paths

  setVariable(name: string, value: string): void {
    const key = name.toUpperCase();
    const scope = this.localStack[this.localStack.length - 1];
    if (scope && !scope.saved.has(key)) scope.saved.set(key, this.vars.get(key));
    if (value === "") this.vars.delete(key);
    else this.vars.set(key, [name, value]);
  }

  /** Ends the innermost setlocal scope: its variables, expansion modes and directory go. */
  endLocal(): void {
    const scope = this.localStack.pop();
    if (!scope) return;
    for (const [key, entry] of scope.saved) {
      if (entry === undefined) this.vars.delete(key);
      else this.vars.set(key, entry);
    }
    this.delayed = scope.delayed;
    this.extensions = scope.extensions;
    this.cwd = scope.cwd;
  }

  private nextRandom(): number {
    // A seeded linear congruential generator: %RANDOM% must be the same on every run.
    this.budget.random = (Math.imul(this.budget.random, 1103515245) + 12345) >>> 0;
    return (this.budget.random >>> 16) & 0x7fff;
  }

  resolve(path: string): string {
    return resolveWindowsPath(this.cwd, path);
  }

  /** Phases 4 and 5 on a piece of command text. */
  late(text: string): string {
    const substituted = substituteForVariables(text, this.forVars, this);
    return this.delayed ? expandDelayed(substituted, this) : substituted;
  }

  // Status

  fail(code: number): void {
    this.errorLevel = code;
    this.status = code;
  }

  succeed(): void {
    this.errorLevel = 0;
    this.status = 0;
  }

  /** Shows a command as ECHO on does: a blank line, the prompt, the command. */
  echoCommand(shown: string): void {
    this.out(`\r\n${this.cwd}>${shown}\r\n`);
  }

  /** Counts one step; throws StepLimitError past the step bound. */
  step(): void {
    const budget = this.budget;
    budget.steps++;
    if (budget.steps > this.setup.maxSteps) {
      throw new StepLimitError(
        budget.steps - 1,
        `Step limit of ${this.setup.maxSteps} reached at line ${budget.line}: ${budget.lineText}`,
      );
    }
  }
}
