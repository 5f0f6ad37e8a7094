import {
  bindParameters,
  commonParameters,
  unknownParameter,
  type CommandArgument,
} from "./binder.js";
import type { CmdletContext } from "./cmdletContext.js";
import { builtinCmdlets, cmdletAliases } from "./cmdlets.js";
import { evaluate } from "./expressions.js";
import { startFunction } from "./functions.js";
import { startNative, type NativeWord } from "./native.js";
import type { Emit, Processor, Runtime, StageRedirection } from "./runtime.js";
import { childOfType, named, textOf, type SyntaxNode } from "./tree.js";
import { enumerate, toBool, toStr, type PsValue } from "./values.js";

/**
 * Pipelines and commands: stages started left to right and fed item by item, so a pipeline
 * interleaves its side effects (native calls, cmdlet calls) as PowerShell does; a command's
 * name resolved to a function, a built-in cmdlet or a native program; its arguments and
 * redirections read from the command line.
 */

/** Runs a pipeline of commands; `$?` is false after it when it failed, true otherwise. */
export function runPipeline(runtime: Runtime, node: SyntaxNode, emit: Emit): void {
  const outer = runtime.pipelineFailed;
  runtime.pipelineFailed = false;
  try {
    runPipelineStages(runtime, node, emit);
    runtime.variables.set("?", !runtime.pipelineFailed, runtime.variables.global);
  } finally {
    runtime.pipelineFailed = outer;
  }
}

function runPipelineStages(runtime: Runtime, node: SyntaxNode, emit: Emit): void {
  if (node.type === "pipeline") throw runtime.unsupported(node, "pipeline shape");
  const [first, ...rest] =
    node.type === "command" ? [node] : named(node).filter((child) => child.type !== "comment");
  if (!first) return;
  // Stage i feeds stage i + 1; the last feeds the caller. Commands bind left to right.
  const processors: Processor[] = [];
  const feed = (index: number): Emit => {
    if (index >= rest.length) return emit;
    return (value) => {
      runtime.step();
      processors[index]?.process(value);
    };
  };
  const head = first.type === "command" ? startCommand(runtime, first, feed(0), false) : undefined;
  rest.forEach((stage, index) =>
    processors.push(startCommand(runtime, stage, feed(index + 1), true)),
  );
  if (head) head.end();
  else for (const value of enumerate(evaluate(runtime, first))) feed(0)(value);
  for (const processor of processors) processor.end();
}

/** A command's arguments: as the binder sees them, and as words of a native command line. */
function commandArguments(
  runtime: Runtime,
  elements: SyntaxNode | undefined,
): { args: CommandArgument[]; redirection: StageRedirection; words: NativeWord[] } {
  const script = runtime.script;
  const args: CommandArgument[] = [];
  const words: NativeWord[] = [];
  const redirection: StageRedirection = { errors: "console", discardOutput: false };
  let colon = false;
  for (const child of elements?.children ?? []) {
    if (child.type === "command_argument_sep") {
      colon = textOf(script, child) === ":";
      continue;
    }
    if (child.type === "redirection") {
      applyRedirection(runtime, child, textOf(script, child).replace(/\s+/g, ""), redirection);
      continue;
    }
    if (child.type === "command_parameter") {
      const text = textOf(script, child);
      args.push({ kind: "parameter", name: text.replace(/^-+/, ""), text });
      words.push({ text, node: child });
      continue;
    }
    if (!child.named || child.type === "comment") continue;
    let value: PsValue;
    if (child.type === "generic_token") {
      const text = textOf(script, child);
      if (/^[1-6*]?>/.test(text)) {
        applyRedirection(runtime, child, text, redirection);
        continue;
      }
      value = expandBareword(runtime, text, child);
    } else {
      value = evaluate(runtime, child);
    }
    const previous = args[args.length - 1];
    if (colon && previous?.kind === "parameter" && previous.value === undefined) {
      previous.value = value;
      const word = words[words.length - 1];
      if (word) word.text += `:${toStr(value)}`;
    } else {
      args.push({ kind: "value", value });
      for (const item of enumerate(value)) words.push({ text: toStr(item), node: child });
    }
    colon = false;
  }
  return { args, redirection, words };
}

function applyRedirection(
  runtime: Runtime,
  node: SyntaxNode,
  text: string,
  redirection: StageRedirection,
): void {
  const match = /^([1-6*]?)(>>?)(.*)$/.exec(text);
  const [, stream = "", , target = ""] = match ?? [];
  if (target === "&1" && stream === "2") {
    redirection.errors = "merge";
    return;
  }
  if (target.toLowerCase() === "$null") {
    if (stream === "2" || stream === "*") redirection.errors = "null";
    if (stream === "" || stream === "1" || stream === "*") redirection.discardOutput = true;
    return;
  }
  throw runtime.unsupported(node, `redirection ${text}`);
}

/** Expands an unquoted command argument: `$var`, `$env:X`, quotes and backtick escapes. */
function expandBareword(runtime: Runtime, text: string, node: SyntaxNode): string {
  let out = "";
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === "`") {
      out += text[++i] ?? "";
    } else if (quote === "'") {
      if (ch === "'") quote = undefined;
      else out += ch;
    } else if (ch === "'" && quote === undefined) {
      quote = "'";
    } else if (ch === '"') {
      quote = quote === '"' ? undefined : '"';
    } else if (ch === "$") {
      if (text[i + 1] === "(")
        throw runtime.unsupported(node, "$(...) inside a bare command argument");
      const match = /^\$((?:[A-Za-z]\w*:)?\w+)/.exec(text.slice(i));
      if (!match) {
        out += ch;
        continue;
      }
      out += toStr(runtime.variables.read(match[1] ?? "", node));
      i += (match[0]?.length ?? 1) - 1;
    } else {
      out += ch;
    }
  }
  return out;
}

function commandName(
  runtime: Runtime,
  node: SyntaxNode,
): { name: string; nameNode: SyntaxNode; elements?: SyntaxNode } {
  const script = runtime.script;
  const elements = childOfType(node, "command_elements");
  const operator = childOfType(node, "command_invokation_operator");
  const nameNode = named(node).find(
    (child) => child.type !== "command_elements" && child.type !== "command_invokation_operator",
  );
  if (!nameNode) throw runtime.unsupported(node, "command shape");
  if (!operator)
    return { name: textOf(script, nameNode), nameNode, ...(elements ? { elements } : {}) };
  if (textOf(script, operator) === ".") throw runtime.unsupported(operator, "dot-sourcing");
  const name =
    nameNode.type === "path_command_name"
      ? expandBareword(runtime, textOf(script, nameNode), nameNode)
      : nameNode.type === "command_name"
        ? textOf(script, nameNode)
        : evaluate(runtime, nameNode);
  if (typeof name !== "string")
    throw runtime.unsupported(nameNode, "invoking a non-string command");
  return { name, nameNode, ...(elements ? { elements } : {}) };
}

/** Starts one pipeline stage; `expectingInput` is false for the first stage. */
function startCommand(
  runtime: Runtime,
  node: SyntaxNode,
  emit: Emit,
  expectingInput: boolean,
): Processor {
  const { name, nameNode, elements } = commandName(runtime, node);
  const { args, redirection, words } = commandArguments(runtime, elements);
  const output: Emit = redirection.discardOutput ? () => undefined : emit;
  const lower = name.toLowerCase();
  const fn = runtime.functions.get(lower);
  if (fn) return startFunction(runtime, fn, args, output, node);
  const cmdletName = cmdletAliases[lower] ?? lower;
  const cmdlet = builtinCmdlets[cmdletName];
  if (!cmdlet) return startNative(runtime, name, nameNode, words, redirection, output);
  const specs = [...cmdlet.parameters, ...commonParameters];
  const unknown = unknownParameter(specs, args);
  if (unknown) throw runtime.unsupported(node, `parameter ${unknown} of ${cmdlet.name}`);
  const bound = bindParameters(cmdlet.name, specs, args, false);
  const variables = runtime.variables;
  const context: CmdletContext = {
    runtime,
    name: cmdlet.name,
    node,
    parameters: bound.values,
    emit: output,
    redirection,
    expectingInput,
    errorAction: bound.values.get("ErrorAction"),
    whatIf: bound.values.has("WhatIf")
      ? bound.values.get("WhatIf") === true
      : toBool(variables.get("WhatIfPreference")),
    verbose: bound.values.has("Verbose")
      ? bound.values.get("Verbose") === true
      : variables.preference("VerbosePreference", undefined) === "continue",
  };
  if (bound.values.get("Confirm") === true) {
    throw runtime.unsupported(node, `-Confirm on ${cmdlet.name} (it would prompt)`);
  }
  return cmdlet.start(context);
}
