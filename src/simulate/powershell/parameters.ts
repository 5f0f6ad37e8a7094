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

/** A declared parameter, its variable's name in lower case and the expression of its default. */
export interface DeclaredParameter {
  spec: ParameterSpec;
  variable: string;
  defaultValue?: SyntaxNode;
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

/**
 * Declared parameters by `parameter_list`, kept when reading them evaluated nothing but the
 * constants `$true` and `$false` (any other value could differ from one call to the next).
 */
const declaredParameters = new WeakMap<SyntaxNode, DeclaredParameter[]>();

/** The parameters a `parameter_list` declares, in order; a switch binds by name only. */
export function parameterSpecs(
  runtime: Runtime,
  list: SyntaxNode | undefined,
): DeclaredParameter[] {
  if (list === undefined) return [];
  const kept = declaredParameters.get(list);
  if (kept) return kept;
  let constant = true;
  const declared = named(list).map((parameter, position) => {
    const variable = childOfType(parameter, "variable");
    if (!variable) throw runtime.unsupported(parameter, "parameter shape");
    let type: ParameterType = "any";
    let remainingArguments = false;
    const attributes = childOfType(parameter, "attribute_list");
    for (const attribute of attributes ? named(attributes) : []) {
      const typeLiteral = childOfType(attribute, "type_literal");
      if (typeLiteral) type = parameterType(runtime, typeLiteral);
      else {
        const argument = parameterAttribute(runtime, attribute);
        remainingArguments = argument.remaining || remainingArguments;
        constant &&= argument.constant;
      }
    }
    const defaultNode = childOfType(parameter, "script_parameter_default");
    const defaultValue = defaultNode && named(defaultNode)[0];
    const name = variableName(runtime.script, variable);
    return {
      variable: name.toLowerCase(),
      spec: {
        name,
        type,
        ...(type === "switch" ? {} : { position }),
        ...(remainingArguments ? { remainingArguments } : {}),
      },
      ...(defaultValue ? { defaultValue } : {}),
    };
  });
  if (constant) declaredParameters.set(list, declared);
  return declared;
}

/** Whether a node is `$true` or `$false`, whose value is the same on every evaluation. */
function isBooleanConstant(runtime: Runtime, node: SyntaxNode): boolean {
  return node.type === "variable" && /^\$(true|false)$/i.test(textOf(runtime.script, node));
}

/**
 * `[Parameter(...)]`: only ValueFromRemainingArguments is modelled; returns its value, and
 * whether it is a constant. Mandatory and the rest change binding or prompt, so they are
 * refused.
 */
function parameterAttribute(
  runtime: Runtime,
  attribute: SyntaxNode,
): { remaining: boolean; constant: boolean } {
  const script = runtime.script;
  const name = childOfType(attribute, "attribute_name");
  if (!name || textOf(script, name).toLowerCase() !== "parameter") {
    throw runtime.unsupported(attribute, `parameter attribute ${textOf(script, attribute)}`);
  }
  let remaining = false;
  let constant = true;
  const args = childOfType(attribute, "attribute_arguments");
  for (const arg of args ? named(args) : []) {
    const [argName, value] = named(arg);
    const argText = argName ? textOf(script, argName).toLowerCase() : "";
    if (argText !== "valuefromremainingarguments") {
      throw runtime.unsupported(arg, `parameter attribute argument ${textOf(script, arg)}`);
    }
    if (value && !isBooleanConstant(runtime, value)) constant = false;
    remaining = value ? toBool(evaluate(runtime, value)) : true;
  }
  return { remaining, constant };
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
  const variables = runtime.variables;
  for (const { spec, variable, defaultValue } of parameters) {
    if (values.has(spec.name)) {
      variables.current.variables.set(variable, values.get(spec.name) ?? null);
      continue;
    }
    const value = defaultValue
      ? convertArgument(spec, valueOf(runtime, defaultValue))
      : spec.type === "switch"
        ? false
        : null;
    variables.current.variables.set(variable, value);
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
