import { keptByText } from "../kept.js";
import { internalCommand } from "./builtins.js";
import { splitBatchArguments } from "./contexts.js";
import { isQuiet, showCommand } from "./echo.js";
import { stripQuotes, substituteForVariables } from "./expand.js";
import {
  ForOptionsError,
  forFLines,
  parseCInteger,
  parseForFOptions,
  tokenizeForFLine,
  type ForFOptions,
} from "./forF.js";
import { directoryOf } from "./fs.js";
import { runProgram } from "./programs.js";
import { withRedirects } from "./redirection.js";
import type { Shell } from "./shell.js";
import {
  isDelimiter,
  trimBlanks,
  type Command,
  type Condition,
  type ForCommand,
  type Redirect,
} from "./syntax.js";

/**
 * Running parsed commands: blocks, `&`, `&&`, `||`, pipes, IF and FOR (with its /L, /F and
 * file-set forms), and phase 7 of a simple command: finding the internal command or program
 * its text names.
 */

/** Runs one parsed command; stops early once a goto or exit happened. */
export function execute(shell: Shell, command: Command): void {
  if (shell.jumped || shell.exited) return;
  switch (command.kind) {
    case "simple":
      runSimple(shell, command.text, command.redirects);
      return;
    case "rem":
      return;
    case "block":
      if (command.redirects.length === 0) runBlock(shell, command.body);
      else withRedirects(shell, command.redirects, () => runBlock(shell, command.body));
      return;
    case "if":
      runIf(
        shell,
        command.ignoreCase,
        command.negate,
        command.condition,
        command.then,
        command.otherwise,
      );
      return;
    case "for":
      runFor(shell, command);
      return;
    case "then":
      execute(shell, command.left);
      execute(shell, command.right);
      return;
    case "and":
      execute(shell, command.left);
      if (shell.status === 0) execute(shell, command.right);
      return;
    case "or":
      execute(shell, command.left);
      if (shell.status !== 0) execute(shell, command.right);
      return;
    case "pipe":
      runPipe(shell, command.left, command.right);
      return;
  }
}

/** A block's commands in turn, until a goto or exit. */
function runBlock(shell: Shell, body: readonly Command[]): void {
  for (const inner of body) {
    execute(shell, inner);
    if (shell.jumped || shell.exited) return;
  }
}

function runSimple(shell: Shell, text: string, redirects: Redirect[]): void {
  shell.step();
  const finalText = shell.late(text);
  if (redirects.length === 0) invoke(shell, finalText);
  else withRedirects(shell, redirects, () => invoke(shell, finalText));
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Characters that make a command word longer (`echo-x` is not echo): no internal command. */
const continuesWord = new Set(
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-$#@{}~`!'",
);

/** Phase 7: finds the command in the text and runs it. */
function invoke(shell: Shell, text: string): void {
  let start = 0;
  while (start < text.length && isDelimiter(text[start])) start++;
  if (start >= text.length) return;
  let end = start;
  let upper = false;
  for (let code = text.charCodeAt(end); isAsciiLetter(code); code = text.charCodeAt(++end)) {
    if (code <= 90) upper = true;
  }
  const word = upper ? text.slice(start, end).toLowerCase() : text.slice(start, end);
  const next = text[end];
  const internal = internalCommand(word);
  if (internal && (next === undefined || !continuesWord.has(next))) {
    shell.status = 0;
    internal(shell, text.slice(end));
    return;
  }
  let quoted = false;
  end = start;
  while (end < text.length && (quoted || (text[end] !== " " && text[end] !== "\t"))) {
    if (text[end] === '"') quoted = !quoted;
    end++;
  }
  runProgram(shell, text.slice(start, end), text.slice(end));
}

function runPipe(shell: Shell, left: Command, right: Command): void {
  let piped = "";
  const producer = shell.child((t) => (piped += t));
  producer.stdin = shell.stdin;
  execute(producer, left);
  const consumer = shell.child(shell.out);
  consumer.stdin = piped;
  execute(consumer, right);
  shell.errorLevel = consumer.errorLevel;
  shell.status = consumer.status;
}

function runIf(
  shell: Shell,
  ignoreCase: boolean,
  negate: boolean,
  condition: Condition,
  then: Command,
  otherwise: Command | undefined,
): void {
  const result = testCondition(shell, ignoreCase, condition);
  if (result === undefined) return;
  shell.status = 0;
  if (result !== negate) execute(shell, then);
  else if (otherwise) execute(shell, otherwise);
}

function testCondition(
  shell: Shell,
  ignoreCase: boolean,
  condition: Condition,
): boolean | undefined {
  switch (condition.type) {
    case "errorlevel": {
      const text = shell.late(condition.value);
      if (!/^-?\d+$/.test(text)) return undefined;
      return shell.errorLevel >= parseInt(text, 10);
    }
    case "cmdextversion": {
      const text = shell.late(condition.value);
      return /^\d+$/.test(text) ? 2 >= parseInt(text, 10) : undefined;
    }
    case "defined":
      return shell.vars.has(shell.late(condition.name).toUpperCase());
    case "exist": {
      const path = shell.resolve(stripQuotes(shell.late(condition.path)));
      const fs = shell.setup.fs;
      if (/[*?]/.test(path))
        return fs.anyMatch(directoryOf(path), path.slice(directoryOf(path).length));
      return fs.isFile(path) || fs.isDirectory(path);
    }
    case "compare": {
      let left = shell.late(condition.left);
      let right = shell.late(condition.right);
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

function runFor(shell: Shell, command: ForCommand): void {
  const saved = new Map(shell.forVars);
  shell.status = 0;
  try {
    if (command.mode === "f") runForF(shell, command);
    else if (command.mode === "l") {
      const [start = 0, stepBy = 0, end = 0] = splitBatchArguments(shell.late(command.set)).map(
        (n) => {
          const v = parseCInteger(n);
          return Number.isNaN(v) ? 0 : v;
        },
      );
      for (let i = start; stepBy >= 0 ? i <= end : i >= end; i += stepBy) {
        if (!iterate(shell, command, [String(i)])) break;
      }
    } else {
      for (const item of splitBatchArguments(shell.late(command.set))) {
        if (/[*?]/.test(item)) {
          const bare = stripQuotes(item);
          const path = shell.resolve(bare);
          const prefix = bare.slice(0, Math.max(bare.lastIndexOf("\\"), bare.lastIndexOf("/")) + 1);
          for (const match of shell.setup.fs.glob(
            directoryOf(path),
            path.slice(directoryOf(path).length),
          )) {
            if (!iterate(shell, command, [prefix + match.slice(directoryOf(match).length)])) return;
          }
        } else if (!iterate(shell, command, [item])) return;
      }
    }
  } finally {
    shell.forVars = saved;
  }
}

/** Runs the body once with the given FOR variable values; false to stop the loop. */
function iterate(shell: Shell, command: ForCommand, values: string[]): boolean {
  shell.step();
  const base = command.variable.charCodeAt(0);
  for (let k = 0; k < values.length; k++)
    shell.forVars.set(String.fromCharCode(base + k), values[k] ?? "");
  if (shell.echoOn && !isQuiet(command.body)) {
    shell.echoCommand(
      showCommand(command.body, (t) => substituteForVariables(t, shell.forVars, shell)),
    );
  }
  execute(shell, command.body);
  return !shell.jumped && !shell.exited;
}

/**
 * Parsed for /f options by their text: a loop in a called routine parses the same options on
 * every call.
 */
const forFOptions = new Map<string, ForFOptions>();

function runForF(shell: Shell, command: ForCommand): void {
  let options: ForFOptions;
  try {
    options = keptByText(forFOptions, command.options, parseForFOptions);
  } catch (error) {
    if (!(error instanceof ForOptionsError)) throw error;
    shell.err(`${error.message}\r\n`);
    shell.status = 1;
    return;
  }
  const set = trimBlanks(shell.late(command.set));
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
      if (values && !iterate(shell, command, values)) return false;
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
    shell.child((t) => (captured += t)).runCommandString(set.slice(1, last));
    run(forFLines(captured));
    return;
  }
  for (const name of splitBatchArguments(set)) {
    const file = options.usebackq ? stripQuotes(name) : name;
    const content = shell.setup.fs.read(shell.resolve(file));
    if (content === undefined) {
      shell.err(`The system cannot find the file ${file}.\r\n`);
      shell.fail(1);
      return;
    }
    if (!run(forFLines(content))) return;
  }
}
