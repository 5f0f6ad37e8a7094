import { expandPercent } from "./expand.js";
import { parseCInteger } from "./forF.js";
import { syntaxIncorrect, type BatchContext, type BatchScript, type Shell } from "./shell.js";
import {
  BatchSyntaxError,
  IncompleteInput,
  isDelimiter,
  parseLine,
  type Command,
} from "./syntax.js";

/**
 * Batch contexts: the script and each `call :label`, with their labels and arguments (`%0`
 * to `%9`, `%*`), and the internal commands that move between them: goto, call, exit, shift.
 */

const maxCallDepth = 700;

/** Label lines (`:name`, leading blanks allowed) by lower-cased name, in file order. */
function indexLabels(lines: readonly string[]): Map<string, number[]> {
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
export function labelName(line: string): string | undefined {
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

/** cmd reads Ctrl-Z (0x1A) as a line end. */
const ctrlZ = String.fromCharCode(0x1a);

/**
 * Prepared scripts by text: validation runs one script on every recorded listing, so its
 * lines are split and its labels found once. Bounded, oldest first out.
 */
const preparedScripts = new Map<string, BatchScript>();
const preparedScriptsKept = 64;

/** A script's text (one char per byte) as the lines and labels cmd reads. */
export function prepareBatchScript(text: string): BatchScript {
  let script = preparedScripts.get(text);
  if (script) return script;
  const raw = text.replaceAll(ctrlZ, "\n").split("\n");
  if (raw[raw.length - 1] === "") raw.pop();
  const lines = raw.map((line) => (line.includes("\r") ? line.replace(/\r/g, "") : line));
  script = {
    lines,
    isLabel: lines.map((line) => labelName(line) !== undefined),
    labels: indexLabels(raw),
    templates: [],
  };
  preparedScripts.set(text, script);
  if (preparedScripts.size > preparedScriptsKept) {
    const oldest = preparedScripts.keys().next().value;
    if (oldest !== undefined) preparedScripts.delete(oldest);
  }
  return script;
}

/** A context for the script's own lines. */
export function scriptContext(
  script: BatchScript,
  args: string[],
  scriptPath: string,
): BatchContext {
  return {
    script,
    pos: 0,
    args: [scriptPath, ...args],
    rawArgs: args.join(" "),
    localDepth: 0,
    ended: false,
  };
}

function findLabel(context: BatchContext, name: string): number | undefined {
  const positions = context.script.labels.get(name.toLowerCase());
  if (!positions) return undefined;
  return positions.find((p) => p >= context.pos) ?? positions[0];
}

/** Whether a character separates `goto` and `call` from their label: space, tab, `,`, `;`, `=`. */
function isLabelSeparator(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "," || c === ";" || c === "=";
}

/** The text without the separators it starts with. */
function trimLabelSeparators(text: string): string {
  let start = 0;
  while (isLabelSeparator(text[start])) start++;
  return start === 0 ? text : text.slice(start);
}

/** The characters that end a label after `goto` or `call`. */
const labelEnds = new Set(" \t,;=+:&|<>^");

/** The label a `goto` or `call` names: after the separators and one `:`, up to a special character. */
function labelFromArgument(tail: string): string {
  let start = 0;
  while (isLabelSeparator(tail[start])) start++;
  if (tail[start] === ":") start++;
  let end = start;
  while (end < tail.length && !labelEnds.has(tail.charAt(end))) end++;
  return tail.slice(start, end);
}

export function goto(shell: Shell, tail: string): void {
  const context = shell.context;
  if (!context) return;
  const label = labelFromArgument(tail);
  if (label === "") {
    shell.err("No batch label specified to GOTO command.\r\n");
    shell.fail(1);
    context.ended = true;
    shell.jumped = true;
    return;
  }
  shell.jumped = true;
  if (label.toLowerCase() === "eof") {
    context.ended = true;
    return;
  }
  const at = findLabel(context, label);
  if (at === undefined) {
    shell.err(`The system cannot find the batch label specified - ${label}\r\n`);
    shell.fail(1);
    context.ended = true;
    return;
  }
  context.pos = at + 1;
}

/** `call :label args` runs a new context; `call command` runs the command after a second expansion. */
export function call(shell: Shell, tail: string): void {
  const expanded = expandPercent(tail, shell);
  const text = trimLabelSeparators(expanded);
  if (text === "") {
    shell.fail(tail === "" ? 1 : 0);
    return;
  }
  const context = shell.context;
  if (!text.startsWith(":") || !context) {
    let command: Command | undefined;
    try {
      command = parseLine(text);
    } catch (error) {
      if (!(error instanceof BatchSyntaxError || error instanceof IncompleteInput)) throw error;
      shell.err(syntaxIncorrect);
      shell.fail(1);
      return;
    }
    if (command) shell.execute(command);
    return;
  }
  const label = labelFromArgument(text);
  const at = findLabel(context, label);
  if (at === undefined) {
    shell.err(`The system cannot find the batch label specified - ${label}\r\n`);
    shell.fail(1);
    return;
  }
  if (shell.callDepth >= maxCallDepth) {
    shell.err(
      `******  B A T C H   R E C U R S I O N  exceeds STACK limits ******\r\nRecursion Count=${maxCallDepth}, Stack Usage=90 percent\r\n******       B A T C H   PROCESSING IS   A B O R T E D      ******\r\n`,
    );
    shell.exited = true;
    shell.jumped = true;
    return;
  }
  const argText = text.slice(1 + label.length);
  shell.callDepth++;
  try {
    shell.runContext({
      script: context.script,
      pos: at + 1,
      args: [`:${label}`, ...splitBatchArguments(argText)],
      rawArgs: trimLabelSeparators(argText),
      localDepth: 0,
      ended: false,
    });
  } finally {
    shell.callDepth--;
  }
  shell.status = shell.errorLevel;
}

/** `exit [/b] [code]`: ends the script, or with /b only the current context. */
export function exit(shell: Shell, tail: string): void {
  const words = splitBatchArguments(tail);
  const local = words[0]?.toLowerCase() === "/b";
  const codeText = local ? words[1] : words[0];
  const code = codeText === undefined ? undefined : parseCInteger(codeText);
  if (code !== undefined) shell.fail(Number.isNaN(code) ? 0 : code);
  shell.jumped = true;
  if (local && shell.context) {
    shell.context.ended = true;
    return;
  }
  shell.exited = true;
  shell.exitCode = shell.errorLevel;
}

export function shift(shell: Shell, tail: string): void {
  const args = shell.context?.args;
  if (!args) return;
  const m = /^\s*\/([0-8])/.exec(tail);
  args.splice(m ? Number(m[1]) : 0, 1);
}
