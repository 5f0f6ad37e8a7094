import { ArithmeticError, evaluateArithmetic } from "./arith.js";
import { call, exit, goto, shift, splitBatchArguments } from "./contexts.js";
import { stripQuotes } from "./expand.js";
import { directoryOf } from "./fs.js";
import { notFoundFile, notFoundPath, syntaxIncorrect, type Shell } from "./shell.js";
import { trimBlanks, trimStartBlanks } from "./syntax.js";

/**
 * cmd's internal commands: echo, set (with /a and /p), setlocal/endlocal, the file and
 * directory commands (type, del, cd, pushd, popd, md, rd), path, pause, cls and title. The ones
 * that move between batch contexts (goto, call, exit, shift) are in contexts.ts.
 */

/** An internal command, run with the text after its name. */
type InternalCommand = (shell: Shell, tail: string) => void;

/** Each internal command by its (lower-cased) name. */
const internalCommands = new Map<string, InternalCommand>([
  ["call", call],
  ["cd", cd],
  ["chdir", cd],
  ["cls", (shell) => shell.out("\f")],
  ["del", del],
  ["echo", echo],
  [
    "endlocal",
    (shell) => {
      if (shell.context && shell.context.localDepth > 0) {
        shell.context.localDepth--;
        shell.endLocal();
      }
    },
  ],
  ["erase", del],
  ["exit", exit],
  ["goto", goto],
  ["md", mkdir],
  ["mkdir", mkdir],
  [
    "path",
    (shell, tail) =>
      set(shell, tail.trim() === "" ? "PATH" : `PATH=${tail.replace(/^[\s=]+/, "")}`),
  ],
  ["pause", (shell) => shell.out("Press any key to continue . . . \r\n")],
  [
    "popd",
    (shell) => {
      const previous = shell.dirStack.pop();
      if (previous !== undefined) shell.cwd = previous;
    },
  ],
  ["pushd", pushd],
  ["rd", rmdir],
  ["rmdir", rmdir],
  ["set", set],
  ["setlocal", setLocal],
  ["shift", shift],
  // The console window's title does not exist in a simulation.
  ["title", () => undefined],
  ["type", type],
]);

/** The internal command a (lower-cased) command word names, or undefined for a program. */
export function internalCommand(word: string): InternalCommand | undefined {
  return internalCommands.get(word);
}

function echo(shell: Shell, tail: string): void {
  const trimmed = trimBlanks(tail);
  if (trimmed === "") {
    shell.out(`ECHO is ${shell.echoOn ? "on" : "off"}.\r\n`);
    return;
  }
  const first = tail.charAt(0);
  if (first === " " || first === "\t") {
    const word = trimmed.toLowerCase();
    if (word === "on" || word === "off") {
      shell.echoOn = word === "on";
      return;
    }
  }
  shell.out(`${tail.slice(1)}\r\n`);
}

function set(shell: Shell, tail: string): void {
  const body0 = trimStartBlanks(tail);
  const option = body0.charAt(0) === "/" ? body0.charAt(1).toLowerCase() : "";
  if (option === "a" || option === "p") {
    const rest = trimStartBlanks(body0.slice(2));
    if (option === "a") return setArithmetic(shell, rest);
    return setPrompt(shell, rest);
  }
  let body = body0;
  if (body.startsWith('"')) {
    // The last quote, found from the end by a loop (lastIndexOf is a runtime call in V8): the
    // text of a set usually ends with it.
    let last = body.length - 1;
    while (last > 0 && body.charCodeAt(last) !== 34) last--;
    body = last > 0 ? body.slice(1, last) : body.slice(1);
  }
  const eq = body.indexOf("=");
  if (eq < 0) {
    const prefix = body.toUpperCase();
    const matches = [...shell.vars.values()]
      .filter(([name]) => name.toUpperCase().startsWith(prefix))
      .sort((a, b) => (a[0].toUpperCase() < b[0].toUpperCase() ? -1 : 1));
    if (matches.length === 0) {
      shell.err(`Environment variable ${body} not defined\r\n`);
      shell.fail(1);
      return;
    }
    for (const [name, value] of matches) shell.out(`${name}=${value}\r\n`);
    return;
  }
  if (eq === 0) {
    shell.err(syntaxIncorrect);
    shell.fail(1);
    return;
  }
  shell.setVariable(body.slice(0, eq), body.slice(eq + 1));
  if (shell.setup.isCmdFile) shell.succeed();
}

function setArithmetic(shell: Shell, expression: string): void {
  try {
    evaluateArithmetic(expression, {
      get: (name) => shell.lookup(name.trim()),
      set: (name, value) => shell.setVariable(name.trim(), value),
    });
    if (shell.setup.isCmdFile) shell.succeed();
  } catch (error) {
    if (!(error instanceof ArithmeticError)) throw error;
    shell.err(`${error.message}\r\n`);
    shell.fail(error.errorLevel);
  }
}

function setPrompt(shell: Shell, text: string): void {
  const eq = text.indexOf("=");
  if (eq <= 0) {
    shell.err(syntaxIncorrect);
    shell.fail(1);
    return;
  }
  shell.out(stripQuotes(text.slice(eq + 1)));
  const newline = shell.stdin.indexOf("\n");
  const line = newline < 0 ? shell.stdin : shell.stdin.slice(0, newline);
  shell.stdin = newline < 0 ? "" : shell.stdin.slice(newline + 1);
  const value = line.replace(/\r$/, "");
  if (value === "") {
    shell.fail(1);
    return;
  }
  shell.setVariable(text.slice(0, eq), value);
}

function setLocal(shell: Shell, tail: string): void {
  let delayed = shell.delayed;
  let extensions = shell.extensions;
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
        shell.err("Invalid parameter to SETLOCAL command\r\n");
        shell.fail(1);
        return;
    }
  }
  shell.localStack.push({
    saved: new Map(),
    delayed: shell.delayed,
    extensions: shell.extensions,
    cwd: shell.cwd,
  });
  shell.delayed = delayed;
  shell.extensions = extensions;
  if (shell.context) shell.context.localDepth++;
  shell.succeed();
}

function type(shell: Shell, tail: string): void {
  const names = splitBatchArguments(tail).filter((a) => !a.startsWith("/"));
  if (names.length === 0) {
    shell.err(syntaxIncorrect);
    shell.fail(1);
    return;
  }
  let failed = false;
  for (const name of names) {
    // NUL is the device every folder has: empty, whatever the current folder.
    if (/^nul:?$/i.test(stripQuotes(name))) continue;
    const content = shell.setup.fs.read(shell.resolve(stripQuotes(name)));
    if (content === undefined) {
      shell.err(notFoundFile);
      failed = true;
      continue;
    }
    if (names.length > 1) shell.err(`\r\n${stripQuotes(name)}\r\n\r\n\r\n`);
    shell.out(content);
  }
  if (failed) shell.fail(1);
  else shell.succeed();
}

function del(shell: Shell, tail: string): void {
  const names = splitBatchArguments(tail).filter((a) => !a.startsWith("/"));
  if (names.length === 0) {
    shell.err(syntaxIncorrect);
    shell.fail(1);
    return;
  }
  const fs = shell.setup.fs;
  for (const name of names) {
    const path = shell.resolve(stripQuotes(name));
    const matches = /[*?]/.test(path)
      ? fs.glob(directoryOf(path), path.slice(directoryOf(path).length))
      : [path];
    const existing = matches.filter((p) => fs.isFile(p));
    if (existing.length === 0) shell.err(`Could Not Find ${path}\r\n`);
    for (const p of existing) fs.delete(p);
  }
  shell.succeed();
}

function directoryArgument(tail: string): string {
  return stripQuotes(
    tail
      .replace(/^[ \t]+/, "")
      .replace(/^\/d[ \t]+/i, "")
      .replace(/[ \t]+$/, ""),
  );
}

function cd(shell: Shell, tail: string): void {
  const target = directoryArgument(tail);
  if (target === "") {
    shell.out(`${shell.cwd}\r\n`);
    return;
  }
  const path = shell.resolve(target);
  if (!shell.setup.fs.isDirectory(path)) {
    shell.err(notFoundPath);
    shell.fail(1);
    return;
  }
  shell.cwd = path;
  shell.succeed();
}

function pushd(shell: Shell, tail: string): void {
  const target = directoryArgument(tail);
  if (target === "") return;
  const path = shell.resolve(target);
  if (!shell.setup.fs.isDirectory(path)) {
    shell.err(notFoundPath);
    shell.fail(1);
    return;
  }
  shell.dirStack.push(shell.cwd);
  shell.cwd = path;
  shell.succeed();
}

function mkdir(shell: Shell, tail: string): void {
  for (const name of splitBatchArguments(tail)) {
    const path = shell.resolve(stripQuotes(name));
    if (shell.setup.fs.isDirectory(path) || shell.setup.fs.isFile(path)) {
      shell.err(`A subdirectory or file ${stripQuotes(name)} already exists.\r\n`);
      shell.fail(1);
      return;
    }
    shell.setup.fs.addDirectory(path);
  }
  shell.succeed();
}

function rmdir(shell: Shell, tail: string): void {
  const words = splitBatchArguments(tail);
  const recursive = words.some((w) => /^\/s/i.test(w) || /^\/q\/s$|^\/s\/q$/i.test(w));
  for (const name of words.filter((w) => !w.startsWith("/"))) {
    if (!shell.setup.fs.removeDirectory(shell.resolve(stripQuotes(name)), recursive)) {
      shell.err(notFoundFile);
      shell.fail(2);
      return;
    }
  }
}
