import { keptFor } from "../kept.js";
import {
  bindParameters,
  commonParameters,
  unknownParameter,
  type CommandArgument,
  type ParameterSpec,
} from "./binder.js";
import type { CmdletContext, CmdletDefinition } from "./cmdletContext.js";
import { builtinCmdlets, cmdletAliases } from "./cmdlets.js";
import { evaluatorOf } from "./expressions.js";
import { startFunction } from "./functions.js";
import { startNative, type NativeWord } from "./native.js";
import type { Emit, Processor, Runtime, StageRedirection } from "./runtime.js";
import { childOfType, named, textOf, type ParsedScript, type SyntaxNode } from "./tree.js";
import { enumerate, toBool, toStr, type PsValue } from "./values.js";

/**
 * Pipelines and commands: stages started left to right and fed item by item, so a pipeline
 * interleaves its side effects (native calls, cmdlet calls) as PowerShell does; a command's
 * name resolved to a function, a built-in cmdlet or a native program; its arguments and
 * redirections read from the command line.
 */

/** A pipeline compiled once per node (see expressions.ts evaluatorOf). */
type PipelineRunner = (runtime: Runtime, emit: Emit) => void;

/** Starts one stage of a pipeline; `expectingInput` is false for the first stage. */
type CommandStarter = (runtime: Runtime, emit: Emit, expectingInput: boolean) => Processor;

/**
 * A pipeline of commands, compiled once per node (statements.ts keeps it with the statement);
 * `$?` is false after it when it failed, true otherwise.
 */
export function compilePipeline(script: ParsedScript, node: SyntaxNode): PipelineRunner {
  const run = compileStages(script, node);
  return (runtime, emit) => {
    const outer = runtime.pipelineFailed;
    runtime.pipelineFailed = false;
    try {
      run(runtime, emit);
      runtime.variables.global.variables.set("?", !runtime.pipelineFailed);
    } finally {
      runtime.pipelineFailed = outer;
    }
  };
}

function compileStages(script: ParsedScript, node: SyntaxNode): PipelineRunner {
  if (node.type === "pipeline") {
    return (runtime) => {
      throw runtime.unsupported(node, "pipeline shape");
    };
  }
  const [first, ...rest] =
    node.type === "command" ? [node] : named(node).filter((child) => child.type !== "comment");
  if (!first) return () => undefined;
  const head = first.type === "command" ? compileCommand(script, first) : undefined;
  const headValue = evaluatorOf(script, first);
  const stages = rest.map((stage) => compileCommand(script, stage));
  return (runtime, emit) => {
    // Stage i feeds stage i + 1; the last feeds the caller. Commands bind left to right.
    const processors: Processor[] = [];
    const feed = (index: number): Emit => {
      if (index >= stages.length) return emit;
      return (value) => {
        runtime.step();
        processors[index]?.process(value);
      };
    };
    const headProcessor = head ? head(runtime, feed(0), false) : undefined;
    stages.forEach((start, index) => processors.push(start(runtime, feed(index + 1), true)));
    if (headProcessor) headProcessor.end();
    else {
      const feedFirst = feed(0);
      for (const value of enumerate(headValue(runtime))) feedFirst(value);
    }
    for (const processor of processors) processor.end();
  };
}

/** One element of a command line, read once. */
type CommandElement =
  | { kind: "separator"; colon: boolean }
  | { kind: "redirection"; node: SyntaxNode; text: string }
  | { kind: "parameter"; node: SyntaxNode; name: string; text: string }
  | { kind: "value"; node: SyntaxNode; value: (runtime: Runtime) => PsValue };

function commandElements(script: ParsedScript, elements: SyntaxNode | undefined): CommandElement[] {
  const out: CommandElement[] = [];
  for (const child of elements?.children ?? []) {
    if (child.type === "command_argument_sep") {
      out.push({ kind: "separator", colon: textOf(script, child) === ":" });
    } else if (child.type === "redirection") {
      out.push({
        kind: "redirection",
        node: child,
        text: textOf(script, child).replace(/\s+/g, ""),
      });
    } else if (child.type === "command_parameter") {
      const text = textOf(script, child);
      out.push({ kind: "parameter", node: child, name: text.replace(/^-+/, ""), text });
    } else if (!child.named || child.type === "comment") {
      continue;
    } else if (child.type === "generic_token") {
      const text = textOf(script, child);
      if (/^[1-6*]?>/.test(text)) {
        out.push({ kind: "redirection", node: child, text });
        continue;
      }
      // Without a `$` a bare word reads no variable: its text is the same on every run.
      let constant: string | undefined;
      out.push({
        kind: "value",
        node: child,
        value: text.includes("$")
          ? (runtime) => expandBareword(runtime, text, child)
          : (runtime) => (constant ??= expandBareword(runtime, text, child)),
      });
    } else {
      out.push({ kind: "value", node: child, value: evaluatorOf(script, child) });
    }
  }
  return out;
}

/** A command's arguments as the binder sees them, each with the node it came from. */
function commandArguments(
  runtime: Runtime,
  elements: readonly CommandElement[],
): { args: CommandArgument[]; sources: ArgumentSource[]; redirection: StageRedirection } {
  const args: CommandArgument[] = [];
  const sources: ArgumentSource[] = [];
  const redirection: StageRedirection = { errors: "console", discardOutput: false };
  let colon = false;
  for (const element of elements) {
    if (element.kind === "separator") {
      colon = element.colon;
      continue;
    }
    if (element.kind === "redirection") {
      applyRedirection(runtime, element.node, element.text, redirection);
      continue;
    }
    if (element.kind === "parameter") {
      const arg: CommandArgument = { kind: "parameter", name: element.name, text: element.text };
      args.push(arg);
      sources.push({ arg, node: element.node });
      continue;
    }
    const value = element.value(runtime);
    const previous = args[args.length - 1];
    if (colon && previous?.kind === "parameter" && previous.value === undefined) {
      previous.value = value;
    } else {
      const arg: CommandArgument = { kind: "value", value };
      args.push(arg);
      sources.push({ arg, node: element.node });
    }
    colon = false;
  }
  return { args, sources, redirection };
}

/** An argument and the node it came from. */
interface ArgumentSource {
  arg: CommandArgument;
  node: SyntaxNode;
}

/**
 * The words of a native command line: a parameter as written (`-x:value` with its value), each
 * item of a value. Only a native program needs them, so they are made for it alone.
 */
function nativeWords(sources: readonly ArgumentSource[]): NativeWord[] {
  const words: NativeWord[] = [];
  for (const { arg, node } of sources) {
    if (arg.kind === "parameter") {
      words.push({
        text: arg.value === undefined ? arg.text : `${arg.text}:${toStr(arg.value)}`,
        node,
      });
    } else {
      for (const item of enumerate(arg.value)) words.push({ text: toStr(item), node });
    }
  }
  return words;
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

/** A command's name, read once when it is written out, found per run when computed (`& $x`). */
function commandNameOf(
  script: ParsedScript,
  node: SyntaxNode,
):
  | { nameNode: SyntaxNode; name: (runtime: Runtime) => string; constantName?: string }
  | { refused: SyntaxNode; construct: string } {
  const operator = childOfType(node, "command_invokation_operator");
  const nameNode = named(node).find(
    (child) => child.type !== "command_elements" && child.type !== "command_invokation_operator",
  );
  if (!nameNode) return { refused: node, construct: "command shape" };
  if (!operator) {
    const name = textOf(script, nameNode);
    return { nameNode, name: () => name, constantName: name };
  }
  if (textOf(script, operator) === ".") {
    return { refused: operator, construct: "dot-sourcing" };
  }
  if (nameNode.type === "path_command_name") {
    const text = textOf(script, nameNode);
    return { nameNode, name: (runtime) => expandBareword(runtime, text, nameNode) };
  }
  if (nameNode.type === "command_name") {
    const name = textOf(script, nameNode);
    return { nameNode, name: () => name, constantName: name };
  }
  const value = evaluatorOf(script, nameNode);
  return {
    nameNode,
    name: (runtime) => {
      const name = value(runtime);
      if (typeof name !== "string")
        throw runtime.unsupported(nameNode, "invoking a non-string command");
      return name;
    },
  };
}

/** The built-in cmdlet a lower-case name or alias names. */
function cmdletNamed(lower: string): CmdletDefinition | undefined {
  return builtinCmdlets[cmdletAliases[lower] ?? lower];
}

/** The parameters a cmdlet binds: its own and the common ones, listed once per cmdlet. */
const cmdletSpecs = new WeakMap<CmdletDefinition, ParameterSpec[]>();

function specsOf(cmdlet: CmdletDefinition): ParameterSpec[] {
  return keptFor(cmdletSpecs, cmdlet, (defined) => [...defined.parameters, ...commonParameters]);
}

function compileCommand(script: ParsedScript, node: SyntaxNode): CommandStarter {
  const commandName = commandNameOf(script, node);
  if ("refused" in commandName) {
    const { refused, construct } = commandName;
    return (runtime) => {
      throw runtime.unsupported(refused, construct);
    };
  }
  const { nameNode, name: nameNow, constantName } = commandName;
  const elements = commandElements(script, childOfType(node, "command_elements"));
  // A name written out is looked up among the cmdlets once; a function is looked up per run.
  const constantLower = constantName?.toLowerCase();
  const constantCmdlet = constantLower === undefined ? undefined : cmdletNamed(constantLower);
  return (runtime, emit, expectingInput) => {
    const name = nameNow(runtime);
    const { args, sources, redirection } = commandArguments(runtime, elements);
    const output: Emit = redirection.discardOutput ? () => undefined : emit;
    const lower = constantLower ?? name.toLowerCase();
    const fn = runtime.functions.get(lower);
    if (fn) return startFunction(runtime, fn, args, output, node);
    const cmdlet = constantLower === undefined ? cmdletNamed(lower) : constantCmdlet;
    if (!cmdlet) {
      return startNative(runtime, name, nameNode, nativeWords(sources), redirection, output);
    }
    const specs = specsOf(cmdlet);
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
        : toBool(variables.getLower("whatifpreference")),
      verbose: bound.values.has("Verbose")
        ? bound.values.get("Verbose") === true
        : toStr(variables.getLower("verbosepreference")).toLowerCase() === "continue",
    };
    if (bound.values.get("Confirm") === true) {
      throw runtime.unsupported(node, `-Confirm on ${cmdlet.name} (it would prompt)`);
    }
    return cmdlet.start(context);
  };
}
