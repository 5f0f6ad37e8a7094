import { PowerShellError } from "./errors.js";
import { PsDirectorySearcher } from "./directorySearcher.js";
import { expandString, numberLiteral, verbatimString } from "./literals.js";
import { callMethod, callStaticMethod, castValue, getMember } from "./members.js";
import { applyArithmetic, applyComparison, unarySplit } from "./operators.js";
import type { Runtime } from "./runtime.js";
import { shouldProcess } from "./streams.js";
import { childOfType, named, pipelineTypes, textOf, type SyntaxNode } from "./tree.js";
import {
  PsChar,
  PsObject,
  PsScriptBlock,
  collapse,
  enumerate,
  toBool,
  toInt,
  toStr,
  typeNameOf,
  type PsValue,
} from "./values.js";
import { variableName } from "./variables.js";

/**
 * Expressions: literals, variables, operators, casts, member access, method calls, indexing
 * and assignment. The operators themselves are in operators.ts, the .NET members in
 * members.ts; a `$(...)` or `@(...)` runs its statements through the Runtime.
 */

const typeAliases: Record<string, string> = {
  int: "int",
  int32: "int",
  double: "double",
  string: "string",
  bool: "bool",
  boolean: "bool",
  char: "char",
  timespan: "timespan",
  datetime: "datetime",
  switch: "switch",
  "management.automation.switchparameter": "switch",
  array: "array",
  object: "object",
  hashtable: "hashtable",
  "collections.hashtable": "hashtable",
  pscustomobject: "pscustomobject",
  "management.automation.pscustomobject": "pscustomobject",
  scriptblock: "scriptblock",
  math: "math",
  environment: "environment",
  bitconverter: "bitconverter",
  adsisearcher: "adsisearcher",
  "directoryservices.directorysearcher": "adsisearcher",
  console: "console",
  "management.automation.errorrecord": "errorrecord",
};

/** The value of a pipeline position: pipelines collect their output, expressions do not unroll. */
export function valueOf(runtime: Runtime, node: SyntaxNode): PsValue {
  if (pipelineTypes.has(node.type)) return collapse(runtime.collect(node));
  return evaluate(runtime, node);
}

export function evaluate(runtime: Runtime, node: SyntaxNode): PsValue {
  const script = runtime.script;
  switch (node.type) {
    case "variable":
      return runtime.variables.read(variableName(script, node), node);
    case "decimal_integer_literal":
    case "hexadecimal_integer_literal":
    case "real_literal":
      return numberLiteral(textOf(script, node));
    case "verbatim_string_characters":
      return verbatimString(script, node);
    case "expandable_string_literal":
      return expandString(script, node, (part) => evaluate(runtime, part));
    case "array_literal_expression":
      return named(node).map((child) => evaluate(runtime, child));
    case "expression_with_unary_operator":
      return unary(runtime, node);
    case "cast_expression": {
      const [typeLiteral, operand] = named(node);
      if (!typeLiteral || !operand) throw runtime.unsupported(node, "cast shape");
      return cast(runtime, typeLiteral, evaluate(runtime, operand));
    }
    case "comparison_expression":
    case "comparison_argument_expression": {
      const [left, operator, right] = node.children;
      if (!left || !operator || !right) throw runtime.unsupported(node, "comparison shape");
      const typeTest = textOf(script, operator).toLowerCase();
      if (typeTest === "-is" || typeTest === "-isnot") {
        if (right.type !== "type_literal")
          throw runtime.unsupported(right, `${typeTest} on a value`);
        const is = isOfType(runtime, evaluate(runtime, left), right);
        return typeTest === "-is" ? is : !is;
      }
      return applyComparison(
        textOf(script, operator),
        evaluate(runtime, left),
        evaluate(runtime, right),
        (table) => runtime.variables.set("Matches", table),
      );
    }
    case "logical_expression":
    case "logical_argument_expression":
    case "bitwise_argument_expression": {
      const [left, operator, right] = node.children;
      if (!left || !operator || !right) throw runtime.unsupported(node, "logical shape");
      const leftValue = toBool(evaluate(runtime, left));
      const isAnd = textOf(script, operator).toLowerCase() === "-and";
      if (isAnd ? !leftValue : leftValue) return leftValue;
      return toBool(evaluate(runtime, right));
    }
    case "additive_expression":
    case "additive_argument_expression":
    case "multiplicative_expression":
    case "multiplicative_argument_expression":
    case "format_expression":
    case "format_argument_expression": {
      const [left, operator, right] = node.children;
      if (!left || !operator || !right) throw runtime.unsupported(node, "arithmetic shape");
      return applyArithmetic(
        textOf(script, operator).toLowerCase(),
        evaluate(runtime, left),
        evaluate(runtime, right),
      );
    }
    case "parenthesized_expression": {
      const inner = named(node)[0];
      return inner ? valueOf(runtime, inner) : null;
    }
    case "sub_expression": {
      const list = childOfType(node, "statement_list");
      return list ? collapse(runtime.collect(list)) : null;
    }
    case "array_expression": {
      const list = childOfType(node, "statement_list");
      return list ? runtime.collect(list) : [];
    }
    case "script_block_expression":
      return new PsScriptBlock(node, textOf(script, node));
    case "hash_literal_expression":
      return hashLiteral(runtime, node);
    case "member_access":
      return memberAccess(runtime, node);
    case "invokation_expression":
      return invocation(runtime, node);
    case "element_access":
      return elementAccess(runtime, node);
    case "assignment_expression":
      return assign(runtime, node);
    case "post_increment_expression":
    case "post_decrement_expression":
    case "pre_increment_expression":
    case "pre_decrement_expression":
      return increment(runtime, node);
    case "type_literal":
      throw runtime.unsupported(node, `type literal ${textOf(script, node)} as a value`);
    default:
      if (pipelineTypes.has(node.type)) return valueOf(runtime, node);
      throw runtime.unsupported(node, `expression ${node.type.replace(/_/g, " ")}`);
  }
}

function unary(runtime: Runtime, node: SyntaxNode): PsValue {
  const first = node.children[0];
  const operand = named(node).find((child) => child !== first) ?? named(node)[0];
  if (!first || !operand) throw runtime.unsupported(node, "unary shape");
  if (first.named) return evaluate(runtime, first);
  const operator = textOf(runtime.script, first).toLowerCase();
  const value = evaluate(runtime, operand);
  switch (operator) {
    case ",":
      return [value];
    case "-not":
    case "!":
      return !toBool(value);
    case "-":
      return applyArithmetic("-", 0, value);
    case "+":
      return applyArithmetic("+", 0, value);
    case "-split":
      return unarySplit(value);
    case "-join":
      return enumerate(value).map(toStr).join("");
    default:
      throw runtime.unsupported(first, `operator ${operator}`);
  }
}

function typeName(runtime: Runtime, typeLiteral: SyntaxNode): string {
  const text = textOf(runtime.script, typeLiteral)
    .replace(/^\[|\]$/g, "")
    .replace(/\s+/g, "");
  const lower = text.toLowerCase().replace(/^system\./, "");
  const array = lower.endsWith("[]");
  const base = typeAliases[array ? lower.slice(0, -2) : lower];
  if (!base) throw runtime.unsupported(typeLiteral, `type [${text}]`);
  return array ? `${base}[]` : base;
}

/** `-is [type]`: whether the value is of that type itself (base types are not modelled). */
function isOfType(runtime: Runtime, value: PsValue, typeLiteral: SyntaxNode): boolean {
  const own = typeNameOf(value)
    .toLowerCase()
    .replace(/^system\./, "");
  return typeAliases[own] === typeName(runtime, typeLiteral);
}

function cast(runtime: Runtime, typeLiteral: SyntaxNode, value: PsValue): PsValue {
  const type = typeName(runtime, typeLiteral);
  if (type === "adsisearcher") {
    if (typeof value !== "string")
      throw runtime.unsupported(typeLiteral, "[adsisearcher] of a non-string");
    return new PsDirectorySearcher(runtime.setup.world.directory, value);
  }
  return castValue(type, value, () =>
    runtime.unsupported(typeLiteral, `cast to ${textOf(runtime.script, typeLiteral)}`),
  );
}

function hashLiteral(runtime: Runtime, node: SyntaxNode): PsObject {
  const table = new PsObject("hashtable", "System.Collections.Hashtable");
  const body = childOfType(node, "hash_literal_body");
  for (const entry of body ? named(body) : []) {
    const [key, value] = named(entry);
    if (!key || !value) throw runtime.unsupported(entry, "hashtable entry shape");
    // A bare name is a string key; any other key keeps its type (@{ 1 = 'one' } has an int key).
    const keyValue =
      key.type === "simple_name" ? textOf(runtime.script, key) : evaluate(runtime, key);
    if (table.has(keyValue)) {
      throw new PowerShellError(
        `Duplicate keys '${toStr(keyValue)}' are not allowed in hash literals.`,
      );
    }
    table.set(keyValue, valueOf(runtime, value));
  }
  return table;
}

function memberName(runtime: Runtime, node: SyntaxNode): string {
  if (node.type === "simple_name") return textOf(runtime.script, node);
  const value = evaluate(runtime, node);
  if (typeof value !== "string") throw runtime.unsupported(node, "computed member name");
  return value;
}

function memberAccess(runtime: Runtime, node: SyntaxNode): PsValue {
  const [target, separator, member] = node.children;
  if (!target || !separator || !member) throw runtime.unsupported(node, "member access shape");
  const name = memberName(runtime, member);
  if (textOf(runtime.script, separator) === "::") {
    if (target.type !== "type_literal") throw runtime.unsupported(node, "static member on a value");
    const type = typeName(runtime, target);
    return callStaticMethod(type, name, undefined, () =>
      runtime.unsupported(node, `static member [${type}]::${name}`),
    );
  }
  return getMember(evaluate(runtime, target), name, () =>
    runtime.unsupported(member, `member ${name}`),
  );
}

function invocation(runtime: Runtime, node: SyntaxNode): PsValue {
  const [target, separator, member, argumentList] = node.children;
  if (!target || !separator || !member || !argumentList)
    throw runtime.unsupported(node, "method call shape");
  const name = memberName(runtime, member);
  const list = childOfType(argumentList, "argument_expression_list");
  const args = list ? named(list).map((arg) => evaluate(runtime, arg)) : [];
  if (textOf(runtime.script, separator) === "::") {
    if (target.type !== "type_literal") throw runtime.unsupported(node, "static method on a value");
    const type = typeName(runtime, target);
    return callStaticMethod(type, name, args, () =>
      runtime.unsupported(node, `static method [${type}]::${name}`),
    );
  }
  if (isConsoleError(runtime, target) && name.toLowerCase() === "writeline") {
    runtime.stderr.push(args.map(toStr).join(""));
    // A void method writes nothing to the pipeline; $null would be one item of a function's output.
    return [];
  }
  const value = evaluate(runtime, target);
  return callMethod(
    (subject, operation) => shouldProcess(runtime, subject, operation),
    value,
    name,
    args,
    () => runtime.unsupported(member, `method ${name}()`),
  );
}

/** `[Console]::Error`, the standard error stream a script writes its own lines to. */
function isConsoleError(runtime: Runtime, node: SyntaxNode): boolean {
  const [type, separator, member] = node.children;
  return (
    node.type === "member_access" &&
    type?.type === "type_literal" &&
    separator !== undefined &&
    textOf(runtime.script, separator) === "::" &&
    typeName(runtime, type) === "console" &&
    member !== undefined &&
    memberName(runtime, member).toLowerCase() === "error"
  );
}

function elementAccess(runtime: Runtime, node: SyntaxNode): PsValue {
  const [target, index] = named(node);
  if (!target || !index) throw runtime.unsupported(node, "index shape");
  return indexValue(evaluate(runtime, target), evaluate(runtime, index));
}

/** `$a[i]`, `$a[-1]`, `$h['key']`, `$s[0]` (a [char]). */
function indexValue(target: PsValue, index: PsValue): PsValue {
  if (target instanceof PsObject) return target.get(index) ?? null;
  if (Array.isArray(index)) return index.map((i) => indexValue(target, i));
  if (Array.isArray(target) || typeof target === "string") {
    const i = toInt(index);
    const position = i < 0 ? target.length + i : i;
    const item = target[position];
    if (item === undefined) return null;
    return typeof target === "string" ? new PsChar(target.charCodeAt(position)) : item;
  }
  if (target === null) {
    throw new PowerShellError("Cannot index into a null array.");
  }
  const i = toInt(index);
  return i === 0 || i === -1 ? target : null;
}

function increment(runtime: Runtime, node: SyntaxNode): PsValue {
  const target = named(node)[0];
  if (!target) throw runtime.unsupported(node, "increment shape");
  const old = evaluate(runtime, target);
  const delta = node.type.includes("increment") ? 1 : -1;
  const updated = applyArithmetic("+", old ?? 0, delta);
  assignTo(runtime, target, updated);
  return node.type.startsWith("post") ? old : updated;
}

/** `target = value` and the compound `+=`, `-=`, `*=`, `/=`, `%=`; returns the value stored. */
export function assign(runtime: Runtime, node: SyntaxNode): PsValue {
  const [target, operator, valueNode] = named(node);
  if (!target || !operator || !valueNode) throw runtime.unsupported(node, "assignment shape");
  const op = textOf(runtime.script, operator);
  let value = valueOf(runtime, valueNode);
  if (op !== "=") {
    const arithmetic = op.slice(0, -1);
    if (!["+", "-", "*", "/", "%"].includes(arithmetic))
      throw runtime.unsupported(operator, `operator ${op}`);
    value = applyArithmetic(arithmetic, evaluate(runtime, target), value);
  }
  return assignTo(runtime, target, value);
}

/** Stores a value into a variable, `[type]$variable`, `$object.Property` or `$array[i]`. */
function assignTo(runtime: Runtime, target: SyntaxNode, value: PsValue): PsValue {
  const script = runtime.script;
  switch (target.type) {
    case "variable":
      runtime.variables.write(variableName(script, target), value, target);
      return value;
    case "cast_expression": {
      const [typeLiteral, variable] = named(target);
      if (!typeLiteral || variable?.type !== "variable")
        throw runtime.unsupported(target, "assignment target");
      const converted = cast(runtime, typeLiteral, value);
      runtime.variables.write(variableName(script, variable), converted, variable);
      return converted;
    }
    case "member_access": {
      const [objectNode, separator, member] = target.children;
      if (!objectNode || !member || textOf(script, separator ?? target) === "::") {
        throw runtime.unsupported(target, "assignment target");
      }
      const object = evaluate(runtime, objectNode);
      const name = memberName(runtime, member);
      if (object instanceof PsObject && (object.kind === "hashtable" || object.has(name))) {
        object.set(name, value);
        return value;
      }
      throw new PowerShellError(
        `The property '${name}' cannot be found on this object. Verify that the property exists and can be set.`,
      );
    }
    case "element_access": {
      const [objectNode, indexNode] = named(target);
      if (!objectNode || !indexNode) throw runtime.unsupported(target, "assignment target");
      const object = evaluate(runtime, objectNode);
      const index = evaluate(runtime, indexNode);
      if (object instanceof PsObject && object.kind === "hashtable") {
        object.set(index, value);
      } else if (Array.isArray(object)) {
        const i = toInt(index);
        const position = i < 0 ? object.length + i : i;
        if (position < 0 || position >= object.length) {
          throw new PowerShellError(
            "Index was outside the bounds of the array.",
            "System.IndexOutOfRangeException",
          );
        }
        object[position] = value;
      } else {
        throw runtime.unsupported(target, "indexed assignment into this value");
      }
      return value;
    }
    default:
      throw runtime.unsupported(target, `assignment to ${target.type.replace(/_/g, " ")}`);
  }
}
