import {
  bindParameters,
  commonParameters,
  convertArgument,
  type CommandArgument,
  type ParameterSpec,
  type ParameterType,
} from "./binder.js";
import { evaluate, valueOf } from "./expressions.js";
import { scriptCmdlet } from "./members.js";
import type { Runtime } from "./runtime.js";
import { childOfType, named, textOf, type SyntaxNode } from "./tree.js";
import { toBool, type PsValue } from "./values.js";
import { variableName } from "./variables.js";

/**
 * The `param()` of the script and of functions: their declarations read as ParameterSpecs for
 * binder.ts, the bound values (and defaults) set in the callee's scope, and the common
 * parameters of a [CmdletBinding()] command turned into preference variables.
 */

/** A declared parameter and the node that declares it (for its default). */
export interface DeclaredParameter {
  spec: ParameterSpec;
  node: SyntaxNode;
}

/** Whether a param() block carries [CmdletBinding()]; any other attribute is refused. */
export function hasCmdletBinding(runtime: Runtime, paramBlock: SyntaxNode): boolean {
  const script = runtime.script;
  const attributes = childOfType(paramBlock, "attribute_list");
  for (const attribute of attributes ? named(attributes) : []) {
    const attributeName = childOfType(attribute, "attribute_name");
    const attributeText = textOf(script, attributeName ?? attribute).toLowerCase();
    if (attributeName && attributeText === "cmdletbinding") {
      const args = childOfType(attribute, "attribute_arguments");
      for (const arg of args ? named(args) : []) {
        const argName = textOf(script, arg.children[0] ?? arg).toLowerCase();
        if (argName !== "supportsshouldprocess" && argName !== "confirmimpact") {
          throw runtime.unsupported(arg, `CmdletBinding argument ${argName}`);
        }
      }
      return true;
    }
    throw runtime.unsupported(attribute, `attribute ${textOf(script, attribute)}`);
  }
  return false;
}

/** The parameters a `parameter_list` declares, in order; a switch binds by name only. */
export function parameterSpecs(
  runtime: Runtime,
  list: SyntaxNode | undefined,
): DeclaredParameter[] {
  return (list ? named(list) : []).map((parameter, position) => {
    const variable = childOfType(parameter, "variable");
    if (!variable) throw runtime.unsupported(parameter, "parameter shape");
    let type: ParameterType = "any";
    let remainingArguments = false;
    const attributes = childOfType(parameter, "attribute_list");
    for (const attribute of attributes ? named(attributes) : []) {
      const typeLiteral = childOfType(attribute, "type_literal");
      if (typeLiteral) type = parameterType(runtime, typeLiteral);
      else remainingArguments = parameterAttribute(runtime, attribute) || remainingArguments;
    }
    return {
      spec: {
        name: variableName(runtime.script, variable),
        type,
        ...(type === "switch" ? {} : { position }),
        ...(remainingArguments ? { remainingArguments } : {}),
      },
      node: parameter,
    };
  });
}

/**
 * `[Parameter(...)]`: only ValueFromRemainingArguments is modelled; returns its value.
 * Mandatory and the rest change binding or prompt, so they are refused.
 */
function parameterAttribute(runtime: Runtime, attribute: SyntaxNode): boolean {
  const script = runtime.script;
  const name = childOfType(attribute, "attribute_name");
  if (!name || textOf(script, name).toLowerCase() !== "parameter") {
    throw runtime.unsupported(attribute, `parameter attribute ${textOf(script, attribute)}`);
  }
  let remaining = false;
  const args = childOfType(attribute, "attribute_arguments");
  for (const arg of args ? named(args) : []) {
    const [argName, value] = named(arg);
    const argText = argName ? textOf(script, argName).toLowerCase() : "";
    if (argText !== "valuefromremainingarguments") {
      throw runtime.unsupported(arg, `parameter attribute argument ${textOf(script, arg)}`);
    }
    remaining = value ? toBool(evaluate(runtime, value)) : true;
  }
  return remaining;
}

const parameterTypes: Record<string, ParameterType> = {
  switch: "switch",
  string: "string",
  "string[]": "string[]",
  int: "int",
  int32: "int",
  scriptblock: "scriptblock",
  object: "any",
};

function parameterType(runtime: Runtime, typeLiteral: SyntaxNode): ParameterType {
  const text = textOf(runtime.script, typeLiteral)
    .slice(1, -1)
    .toLowerCase()
    .replace(/^system\./, "");
  const type = parameterTypes[text];
  if (!type) throw runtime.unsupported(typeLiteral, `parameter type [${text}]`);
  return type;
}

/** Sets bound values in the current scope, evaluating the defaults of unbound ones there. */
export function bindParameterValues(
  runtime: Runtime,
  parameters: DeclaredParameter[],
  values: Map<string, PsValue>,
): void {
  for (const { spec, node } of parameters) {
    if (values.has(spec.name)) {
      runtime.variables.set(spec.name, values.get(spec.name) ?? null);
      continue;
    }
    const defaultNode = childOfType(node, "script_parameter_default");
    const expression = defaultNode && named(defaultNode)[0];
    const value = expression
      ? convertArgument(spec, valueOf(runtime, expression))
      : spec.type === "switch"
        ? false
        : null;
    runtime.variables.set(spec.name, value);
  }
}

/** Binds the script's command-line arguments to its `param()` block. */
export function bindScriptParameters(
  runtime: Runtime,
  paramBlock: SyntaxNode,
  args: string[],
): void {
  const scriptName = runtime.setup.scriptName;
  const cmdletBinding = hasCmdletBinding(runtime, paramBlock);
  const parameters = parameterSpecs(runtime, childOfType(paramBlock, "parameter_list"));
  const commandArgs: CommandArgument[] = args.map((arg) => {
    const match = /^-([A-Za-z_?][\w-]*)(?::(.*))?$/s.exec(arg);
    if (!match) return { kind: "value", value: arg };
    const [, name = "", value] = match;
    return value === undefined
      ? { kind: "parameter", name, text: arg }
      : {
          kind: "parameter",
          name,
          text: arg,
          value: value === "$false" ? false : value === "$true" ? true : value,
        };
  });
  const allSpecs = [
    ...parameters.map((entry) => entry.spec),
    ...(cmdletBinding ? commonParameters : []),
  ];
  const bound = bindParameters(scriptName, allSpecs, commandArgs, !cmdletBinding);
  if (bound.values.get("Confirm") === true) {
    throw runtime.unsupported(paramBlock, "-Confirm (the simulator cannot answer its prompts)");
  }
  bindParameterValues(runtime, parameters, bound.values);
  if (bound.rest.length > 0) runtime.variables.set("args", bound.rest);
  if (cmdletBinding) {
    runtime.variables.set("PSCmdlet", scriptCmdlet(scriptName));
    applyCommonParameters(runtime, bound.values);
  }
}

/** -WhatIf, -Confirm, -Verbose, -ErrorAction, -WarningAction as the callee's preference variables. */
export function applyCommonParameters(runtime: Runtime, values: Map<string, PsValue>): void {
  const variables = runtime.variables;
  if (values.get("WhatIf") === true) variables.set("WhatIfPreference", true);
  if (values.get("Confirm") === true) variables.set("ConfirmPreference", "Low");
  if (values.get("Verbose") === true) variables.set("VerbosePreference", "Continue");
  const errorAction = values.get("ErrorAction");
  if (errorAction !== undefined) variables.set("ErrorActionPreference", errorAction);
  const warningAction = values.get("WarningAction");
  if (warningAction !== undefined) variables.set("WarningPreference", warningAction);
}
