import { keptFor } from "../kept.js";
import {
  bindParameters,
  commonParameters,
  type CommandArgument,
  type ParameterSpec,
} from "./binder.js";
import { ReturnSignal } from "./errors.js";
import { scriptCmdlet } from "./members.js";
import {
  applyCommonParameters,
  bindParameterValues,
  hasCmdletBinding,
  parameterSpecs,
  type DeclaredParameter,
} from "./parameters.js";
import type { Emit, FunctionDefinition, Processor, Runtime } from "./runtime.js";
import { childOfType, textOf, type SyntaxNode } from "./tree.js";
import { collapse, type PsScriptBlock, type PsValue } from "./values.js";
import { Scope } from "./variables.js";

/**
 * Functions and script blocks: `function Name { ... }` definitions, a call that binds its
 * arguments in a new scope and runs the body, and a `{ ... }` run with `$_` bound in the
 * current scope (ForEach-Object, Where-Object, a switch clause).
 */

/**
 * Function definitions by node: reading one evaluates nothing, so every run of the script
 * defines the same function (a run only adds it to its own table).
 */
const definitions = new WeakMap<SyntaxNode, FunctionDefinition>();

/** `function Name { param(...) ... }` or `function Name($a) { ... }`. */
export function defineFunction(runtime: Runtime, node: SyntaxNode): void {
  const definition = keptFor(definitions, node, (defined) => readFunction(runtime, defined));
  runtime.functions.set(definition.name.toLowerCase(), definition);
}

function readFunction(runtime: Runtime, node: SyntaxNode): FunctionDefinition {
  const script = runtime.script;
  const keyword = textOf(script, node.children[0] ?? node).toLowerCase();
  if (keyword !== "function") throw runtime.unsupported(node, keyword);
  const nameNode = childOfType(node, "function_name");
  if (!nameNode) throw runtime.unsupported(node, "function without a name");
  const name = textOf(script, nameNode);
  const block = childOfType(node, "script_block");
  const paramBlock = block && childOfType(block, "param_block");
  const declaration = childOfType(node, "function_parameter_declaration");
  if (paramBlock && declaration)
    throw runtime.unsupported(node, "function with two parameter lists");
  return {
    name,
    node,
    parameters: paramBlock
      ? childOfType(paramBlock, "parameter_list")
      : declaration && childOfType(declaration, "parameter_list"),
    body: block && (childOfType(block, "statement_list") ?? undefined),
    cmdletBinding: paramBlock ? hasCmdletBinding(runtime, paramBlock) : false,
  };
}

/** The parameters a function binds: its own, and the common ones when it is advanced. */
function functionSpecs(
  runtime: Runtime,
  fn: FunctionDefinition,
): { parameters: DeclaredParameter[]; specs: ParameterSpec[] } {
  const parameters = parameterSpecs(runtime, fn.parameters);
  const specs = keptFor(bindingSpecs, parameters, (declared) => [
    ...declared.map((entry) => entry.spec),
    ...(fn.cmdletBinding ? commonParameters : []),
  ]);
  return { parameters, specs };
}

/** The specs a function binds, by its (kept) declared parameters. */
const bindingSpecs = new WeakMap<DeclaredParameter[], ParameterSpec[]>();

/** A call of a script function as a pipeline stage: it runs once, at the end of the input. */
export function startFunction(
  runtime: Runtime,
  fn: FunctionDefinition,
  args: CommandArgument[],
  emit: Emit,
  node: SyntaxNode,
): Processor {
  return {
    process: () => {
      throw runtime.unsupported(node, `piping into function ${fn.name}`);
    },
    end: () => {
      runtime.step();
      const { parameters, specs } = functionSpecs(runtime, fn);
      const bound = bindParameters(fn.name, specs, args, !fn.cmdletBinding);
      const variables = runtime.variables;
      const caller = variables.current;
      const callerFunction = runtime.functionName;
      variables.current = new Scope(caller);
      runtime.functionName = fn.name;
      try {
        bindParameterValues(runtime, parameters, bound.values);
        variables.set("args", bound.rest);
        if (fn.cmdletBinding) {
          variables.set("PSCmdlet", scriptCmdlet(fn.name));
          applyCommonParameters(runtime, bound.values);
        }
        const ended = fn.body && runtime.runStatements(fn.body, emit);
        if (ended && !(ended instanceof ReturnSignal)) throw ended;
      } catch (signal) {
        if (!(signal instanceof ReturnSignal)) throw signal;
      } finally {
        variables.current = caller;
        runtime.functionName = callerFunction;
      }
    },
  };
}

/** Runs a script block with `$_` bound, in the current scope (as ForEach-Object does). */
export function invokeScriptBlock(
  runtime: Runtime,
  block: PsScriptBlock,
  dollarUnder: PsValue,
  emit: Emit,
): void {
  runtime.variables.withDollarUnder(dollarUnder, () => {
    try {
      const body = scriptBlockStatements(runtime, block.node);
      const ended = body && runtime.runStatements(body, emit);
      if (ended && !(ended instanceof ReturnSignal)) throw ended;
    } catch (signal) {
      if (!(signal instanceof ReturnSignal)) throw signal;
    }
  });
}

/** Runs a script block and collects its output (a Where-Object filter, a switch condition). */
export function evaluateScriptBlock(
  runtime: Runtime,
  block: PsScriptBlock,
  dollarUnder: PsValue,
): PsValue {
  const out: PsValue[] = [];
  invokeScriptBlock(runtime, block, dollarUnder, (value) => out.push(value));
  return collapse(out);
}

/** The statement list of each script block read so far (null: it has none). */
const scriptBlockBodies = new WeakMap<SyntaxNode, SyntaxNode | null>();

function scriptBlockStatements(runtime: Runtime, node: SyntaxNode): SyntaxNode | undefined {
  const kept = scriptBlockBodies.get(node);
  if (kept !== undefined) return kept ?? undefined;
  const block = childOfType(node, "script_block") ?? node;
  if (childOfType(block, "param_block")) {
    throw runtime.unsupported(block, "param() inside a script block");
  }
  const body = block.type === "statement_list" ? block : childOfType(block, "statement_list");
  scriptBlockBodies.set(node, body ?? null);
  return body;
}
