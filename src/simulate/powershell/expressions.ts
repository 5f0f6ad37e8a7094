import { keptFor } from "../kept.js";
import { PowerShellError } from "./errors.js";
import { PsDirectorySearcher } from "./directorySearcher.js";
import { expandableString, numberLiteral, verbatimString } from "./literals.js";
import { callMethod, callStaticMethod, castValue, getMember } from "./members.js";
import {
  applyArithmetic,
  applyComparison,
  applyParsedComparison,
  parseComparisonOperator,
  unarySplit,
} from "./operators.js";
import type { Runtime } from "./runtime.js";
import { shouldProcess } from "./streams.js";
import {
  childOfType,
  named,
  pipelineTypes,
  textOf,
  unsupportedAt,
  type ParsedScript,
  type SyntaxNode,
} from "./tree.js";
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
import { variableName, variableReader, variableWriter } from "./variables.js";

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

/** An expression compiled once per node: its shape is read at compile time, not per run. */
export type Evaluator = (runtime: Runtime) => PsValue;

/** How an assignment stores into its target; returns the value stored. */
type Assigner = (runtime: Runtime, value: PsValue) => PsValue;

/**
 * Evaluators by node. A tree belongs to one script text and never changes, so a node compiles
 * once for every run of its script. Compiling never throws: a construct the simulator refuses,
 * or a shape it cannot read, compiles to an evaluator that throws when (and only when) it is
 * reached, after evaluating what the tree walk evaluated before it.
 */
const evaluators = new WeakMap<SyntaxNode, Evaluator>();
const collectors = new WeakMap<SyntaxNode, Evaluator>();

export function evaluatorOf(script: ParsedScript, node: SyntaxNode): Evaluator {
  return keptFor(evaluators, node, (expression) => compileExpression(script, expression));
}

/** The evaluator of a pipeline position: pipelines collect their output, expressions do not unroll. */
export function valueEvaluatorOf(script: ParsedScript, node: SyntaxNode): Evaluator {
  if (!pipelineTypes.has(node.type)) return evaluatorOf(script, node);
  return keptFor(collectors, node, collectorOf);
}

function collectorOf(pipeline: SyntaxNode): Evaluator {
  return (runtime) => collapse(runtime.collect(pipeline));
}

/** The value of a pipeline position: pipelines collect their output, expressions do not unroll. */
export function valueOf(runtime: Runtime, node: SyntaxNode): PsValue {
  return valueEvaluatorOf(runtime.script, node)(runtime);
}

export function evaluate(runtime: Runtime, node: SyntaxNode): PsValue {
  return evaluatorOf(runtime.script, node)(runtime);
}

/** An evaluator that refuses a construct when reached. */
function refuse(node: SyntaxNode, construct: string): Evaluator {
  return (runtime) => {
    throw runtime.unsupported(node, construct);
  };
}

function compileExpression(script: ParsedScript, node: SyntaxNode): Evaluator {
  switch (node.type) {
    case "variable":
      return compileVariable(script, node);
    case "decimal_integer_literal":
    case "hexadecimal_integer_literal":
    case "real_literal": {
      const value = numberLiteral(textOf(script, node));
      return () => value;
    }
    case "verbatim_string_characters": {
      let text: string;
      try {
        text = verbatimString(script, node);
      } catch {
        return (runtime) => verbatimString(runtime.script, node);
      }
      return () => text;
    }
    case "expandable_string_literal":
      return compileExpandableString(script, node);
    case "array_literal_expression": {
      const items = named(node).map((child) => evaluatorOf(script, child));
      return (runtime) => {
        const values: PsValue[] = [];
        for (const item of items) values.push(item(runtime));
        return values;
      };
    }
    case "expression_with_unary_operator":
      return compileUnary(script, node);
    case "cast_expression": {
      const [typeLiteral, operand] = named(node);
      if (!typeLiteral || !operand) return refuse(node, "cast shape");
      const operandValue = evaluatorOf(script, operand);
      const convert = casterOf(script, typeLiteral);
      return (runtime) => convert(runtime, operandValue(runtime));
    }
    case "comparison_expression":
    case "comparison_argument_expression":
      return compileComparison(script, node);
    case "logical_expression":
    case "logical_argument_expression":
    case "bitwise_argument_expression": {
      const [left, operator, right] = node.children;
      if (!left || !operator || !right) return refuse(node, "logical shape");
      const leftValue = evaluatorOf(script, left);
      const rightValue = evaluatorOf(script, right);
      const isAnd = textOf(script, operator).toLowerCase() === "-and";
      return (runtime) => {
        const value = toBool(leftValue(runtime));
        if (isAnd ? !value : value) return value;
        return toBool(rightValue(runtime));
      };
    }
    case "additive_expression":
    case "additive_argument_expression":
    case "multiplicative_expression":
    case "multiplicative_argument_expression":
    case "format_expression":
    case "format_argument_expression": {
      const [left, operator, right] = node.children;
      if (!left || !operator || !right) return refuse(node, "arithmetic shape");
      const leftValue = evaluatorOf(script, left);
      const rightValue = evaluatorOf(script, right);
      const op = textOf(script, operator).toLowerCase();
      return (runtime) => applyArithmetic(op, leftValue(runtime), rightValue(runtime));
    }
    case "parenthesized_expression": {
      const inner = named(node)[0];
      return inner ? valueEvaluatorOf(script, inner) : () => null;
    }
    case "sub_expression": {
      const list = childOfType(node, "statement_list");
      return list ? (runtime) => collapse(runtime.collect(list)) : () => null;
    }
    case "array_expression": {
      const list = childOfType(node, "statement_list");
      return list ? (runtime) => runtime.collect(list) : () => [];
    }
    case "script_block_expression": {
      const text = textOf(script, node);
      return () => new PsScriptBlock(node, text);
    }
    case "hash_literal_expression":
      return compileHashLiteral(script, node);
    case "member_access":
      return compileMemberAccess(script, node);
    case "invokation_expression":
      return compileInvocation(script, node);
    case "element_access": {
      const [target, index] = named(node);
      if (!target || !index) return refuse(node, "index shape");
      const targetValue = evaluatorOf(script, target);
      const indexValueOf = evaluatorOf(script, index);
      return (runtime) => indexValue(targetValue(runtime), indexValueOf(runtime));
    }
    case "assignment_expression":
      return compileAssignment(script, node);
    case "post_increment_expression":
    case "post_decrement_expression":
    case "pre_increment_expression":
    case "pre_decrement_expression":
      return compileIncrement(script, node);
    case "type_literal":
      return refuse(node, `type literal ${textOf(script, node)} as a value`);
    default:
      if (pipelineTypes.has(node.type)) return valueEvaluatorOf(script, node);
      return refuse(node, `expression ${node.type.replace(/_/g, " ")}`);
  }
}

function compileVariable(script: ParsedScript, node: SyntaxNode): Evaluator {
  let name: string;
  try {
    name = variableName(script, node);
  } catch {
    return (runtime) => runtime.variables.read(variableName(runtime.script, node), node);
  }
  const reader = variableReader(name);
  return (runtime) => reader(runtime.variables, node);
}

/** A `"..."` string: its text decoded once, its `$variable` and `$(...)` parts evaluated per run. */
function compileExpandableString(script: ParsedScript, node: SyntaxNode): Evaluator {
  const { pieces, refused } = expandableString(script, node);
  const compiled = pieces.map((piece) =>
    typeof piece === "string" ? piece : evaluatorOf(script, piece),
  );
  const [only] = compiled;
  if (refused === undefined && compiled.length === 0) return () => "";
  if (refused === undefined && compiled.length === 1 && typeof only === "string") return () => only;
  return (runtime) => {
    let out = "";
    for (const piece of compiled) out += typeof piece === "string" ? piece : toStr(piece(runtime));
    if (refused !== undefined) throw runtime.unsupported(node, refused);
    return out;
  };
}

function compileUnary(script: ParsedScript, node: SyntaxNode): Evaluator {
  const first = node.children[0];
  const operand = named(node).find((child) => child !== first) ?? named(node)[0];
  if (!first || !operand) return refuse(node, "unary shape");
  if (first.named) return evaluatorOf(script, first);
  const operator = textOf(script, first).toLowerCase();
  const value = evaluatorOf(script, operand);
  switch (operator) {
    case ",":
      return (runtime) => [value(runtime)];
    case "-not":
    case "!":
      return (runtime) => !toBool(value(runtime));
    case "-":
      return (runtime) => applyArithmetic("-", 0, value(runtime));
    case "+":
      return (runtime) => applyArithmetic("+", 0, value(runtime));
    case "-split":
      return (runtime) => unarySplit(value(runtime));
    case "-join":
      return (runtime) => enumerate(value(runtime)).map(toStr).join("");
    default:
      return (runtime) => {
        value(runtime);
        throw runtime.unsupported(first, `operator ${operator}`);
      };
  }
}

/** The simulator's name of a type literal's type, or undefined for a type it does not model. */
function knownTypeName(script: ParsedScript, typeLiteral: SyntaxNode): string | undefined {
  const lower = typeLiteralText(script, typeLiteral)
    .toLowerCase()
    .replace(/^system\./, "");
  const array = lower.endsWith("[]");
  const base = typeAliases[array ? lower.slice(0, -2) : lower];
  if (!base) return undefined;
  return array ? `${base}[]` : base;
}

function typeLiteralText(script: ParsedScript, typeLiteral: SyntaxNode): string {
  return textOf(script, typeLiteral)
    .replace(/^\[|\]$/g, "")
    .replace(/\s+/g, "");
}

function typeName(runtime: Runtime, typeLiteral: SyntaxNode): string {
  const type = knownTypeName(runtime.script, typeLiteral);
  if (type === undefined) {
    throw runtime.unsupported(
      typeLiteral,
      `type [${typeLiteralText(runtime.script, typeLiteral)}]`,
    );
  }
  return type;
}

/** The simulator's name of a value's own type (base types are not modelled). */
function ownTypeName(value: PsValue): string | undefined {
  const own = typeNameOf(value)
    .toLowerCase()
    .replace(/^system\./, "");
  return typeAliases[own];
}

/** How a cast to a type literal converts a value. */
function casterOf(
  script: ParsedScript,
  typeLiteral: SyntaxNode,
): (runtime: Runtime, value: PsValue) => PsValue {
  const type = knownTypeName(script, typeLiteral);
  if (type === undefined) {
    return (runtime) => {
      throw runtime.unsupported(typeLiteral, `type [${typeLiteralText(script, typeLiteral)}]`);
    };
  }
  if (type === "adsisearcher") {
    return (runtime, value) => {
      if (typeof value !== "string")
        throw runtime.unsupported(typeLiteral, "[adsisearcher] of a non-string");
      return new PsDirectorySearcher(runtime.setup.world.directory, value);
    };
  }
  const unsupported = (): Error =>
    unsupportedAt(script, typeLiteral, `cast to ${textOf(script, typeLiteral)}`);
  return (_runtime, value) => castValue(type, value, unsupported);
}

function compileComparison(script: ParsedScript, node: SyntaxNode): Evaluator {
  const [left, operator, right] = node.children;
  if (!left || !operator || !right) return refuse(node, "comparison shape");
  const leftValue = evaluatorOf(script, left);
  const typeTest = textOf(script, operator).toLowerCase();
  if (typeTest === "-is" || typeTest === "-isnot") {
    // `-is [type]`: whether the value is of that type itself.
    if (right.type !== "type_literal") return refuse(right, `${typeTest} on a value`);
    const type = knownTypeName(script, right);
    const negate = typeTest === "-isnot";
    return (runtime) => {
      const own = ownTypeName(leftValue(runtime));
      const is = own === (type ?? typeName(runtime, right));
      return negate ? !is : is;
    };
  }
  const rightValue = evaluatorOf(script, right);
  const operatorText = textOf(script, operator);
  const parsed = parseComparisonOperator(operatorText);
  if (!parsed) {
    return (runtime) =>
      applyComparison(operatorText, leftValue(runtime), rightValue(runtime), runtime.setMatches);
  }
  return (runtime) =>
    applyParsedComparison(parsed, leftValue(runtime), rightValue(runtime), runtime.setMatches);
}

function compileHashLiteral(script: ParsedScript, node: SyntaxNode): Evaluator {
  const body = childOfType(node, "hash_literal_body");
  const entries = (body ? named(body) : []).map(
    (entry): ((runtime: Runtime, table: PsObject) => void) => {
      const [key, value] = named(entry);
      if (!key || !value) {
        return (runtime) => {
          throw runtime.unsupported(entry, "hashtable entry shape");
        };
      }
      // A bare name is a string key; any other key keeps its type (@{ 1 = 'one' } has an int key).
      const keyText = key.type === "simple_name" ? textOf(script, key) : undefined;
      const keyValue = evaluatorOf(script, key);
      const entryValue = valueEvaluatorOf(script, value);
      return (runtime, table) => {
        const keyOfEntry = keyText === undefined ? keyValue(runtime) : keyText;
        if (table.has(keyOfEntry)) {
          throw new PowerShellError(
            `Duplicate keys '${toStr(keyOfEntry)}' are not allowed in hash literals.`,
          );
        }
        table.set(keyOfEntry, entryValue(runtime));
      };
    },
  );
  return (runtime) => {
    const table = new PsObject("hashtable", "System.Collections.Hashtable");
    for (const entry of entries) entry(runtime, table);
    return table;
  };
}

/** A member's name: a bare name, or an expression that must give a string. */
function memberNameOf(
  script: ParsedScript,
  member: SyntaxNode,
): { constant: string } | { computed: (runtime: Runtime) => string } {
  if (member.type === "simple_name") return { constant: textOf(script, member) };
  const value = evaluatorOf(script, member);
  return {
    computed: (runtime) => {
      const name = value(runtime);
      if (typeof name !== "string") throw runtime.unsupported(member, "computed member name");
      return name;
    },
  };
}

function nameNow(name: ReturnType<typeof memberNameOf>, runtime: Runtime): string {
  return "constant" in name ? name.constant : name.computed(runtime);
}

function compileMemberAccess(script: ParsedScript, node: SyntaxNode): Evaluator {
  const [target, separator, member] = node.children;
  if (!target || !separator || !member) return refuse(node, "member access shape");
  const name = memberNameOf(script, member);
  if (textOf(script, separator) === "::") {
    if (target.type !== "type_literal") {
      return (runtime) => {
        nameNow(name, runtime);
        throw runtime.unsupported(node, "static member on a value");
      };
    }
    const known = knownTypeName(script, target);
    return (runtime) => {
      const memberName = nameNow(name, runtime);
      const type = known ?? typeName(runtime, target);
      return callStaticMethod(type, memberName, undefined, () =>
        runtime.unsupported(node, `static member [${type}]::${memberName}`),
      );
    };
  }
  const targetValue = evaluatorOf(script, target);
  if ("constant" in name) {
    const memberName = name.constant;
    const lower = memberName.toLowerCase();
    const unsupported = (): Error => unsupportedAt(script, member, `member ${memberName}`);
    return (runtime) => getMember(targetValue(runtime), memberName, unsupported, lower);
  }
  return (runtime) => {
    const memberName = name.computed(runtime);
    return getMember(targetValue(runtime), memberName, () =>
      runtime.unsupported(member, `member ${memberName}`),
    );
  };
}

function compileInvocation(script: ParsedScript, node: SyntaxNode): Evaluator {
  const [target, separator, member, argumentList] = node.children;
  if (!target || !separator || !member || !argumentList) return refuse(node, "method call shape");
  const name = memberNameOf(script, member);
  const list = childOfType(argumentList, "argument_expression_list");
  const argumentValues = list ? named(list).map((arg) => evaluatorOf(script, arg)) : [];
  const argumentsNow = (runtime: Runtime): PsValue[] => {
    const args: PsValue[] = [];
    for (const value of argumentValues) args.push(value(runtime));
    return args;
  };
  if (textOf(script, separator) === "::") {
    const known = knownTypeName(script, target);
    return (runtime) => {
      const methodName = nameNow(name, runtime);
      const args = argumentsNow(runtime);
      if (target.type !== "type_literal")
        throw runtime.unsupported(node, "static method on a value");
      const type = known ?? typeName(runtime, target);
      return callStaticMethod(type, methodName, args, () =>
        runtime.unsupported(node, `static method [${type}]::${methodName}`),
      );
    };
  }
  const consoleError = isConsoleErrorNode(script, target);
  const targetValue = evaluatorOf(script, target);
  const constantLower = "constant" in name ? name.constant.toLowerCase() : undefined;
  return (runtime) => {
    const methodName = nameNow(name, runtime);
    const args = argumentsNow(runtime);
    const lower = constantLower ?? methodName.toLowerCase();
    if ((consoleError ?? isConsoleError(runtime, target)) && lower === "writeline") {
      runtime.stderr.push(args.map(toStr).join(""));
      // A void method writes nothing to the pipeline; $null would be one item of a function's output.
      return [];
    }
    const value = targetValue(runtime);
    return callMethod(
      (subject, operation) => shouldProcess(runtime, subject, operation),
      value,
      methodName,
      args,
      () => runtime.unsupported(member, `method ${methodName}()`),
      lower,
    );
  };
}

/**
 * Whether a node is `[Console]::Error`, the standard error stream a script writes its own lines
 * to; undefined when only a run can tell (a type it refuses, a computed member name).
 */
function isConsoleErrorNode(script: ParsedScript, node: SyntaxNode): boolean | undefined {
  const [type, separator, member] = node.children;
  if (node.type !== "member_access" || type?.type !== "type_literal") return false;
  if (separator === undefined || textOf(script, separator) !== "::") return false;
  const typeName = knownTypeName(script, type);
  if (typeName === undefined) return undefined;
  if (typeName !== "console" || member === undefined) return false;
  if (member.type !== "simple_name") return undefined;
  return textOf(script, member).toLowerCase() === "error";
}

/** `[Console]::Error`, told by a run (see isConsoleErrorNode). */
function isConsoleError(runtime: Runtime, node: SyntaxNode): boolean {
  const [type, separator, member] = node.children;
  return (
    node.type === "member_access" &&
    type?.type === "type_literal" &&
    separator !== undefined &&
    textOf(runtime.script, separator) === "::" &&
    typeName(runtime, type) === "console" &&
    member !== undefined &&
    nameNow(memberNameOf(runtime.script, member), runtime).toLowerCase() === "error"
  );
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

function compileIncrement(script: ParsedScript, node: SyntaxNode): Evaluator {
  const target = named(node)[0];
  if (!target) return refuse(node, "increment shape");
  const current = evaluatorOf(script, target);
  const store = assignerOf(script, target);
  const delta = node.type.includes("increment") ? 1 : -1;
  const post = node.type.startsWith("post");
  return (runtime) => {
    const old = current(runtime);
    const updated = applyArithmetic("+", old ?? 0, delta);
    store(runtime, updated);
    return post ? old : updated;
  };
}

/** `target = value` and the compound `+=`, `-=`, `*=`, `/=`, `%=`; returns the value stored. */
function compileAssignment(script: ParsedScript, node: SyntaxNode): Evaluator {
  const [target, operator, valueNode] = named(node);
  if (!target || !operator || !valueNode) return refuse(node, "assignment shape");
  const op = textOf(script, operator);
  const value = valueEvaluatorOf(script, valueNode);
  const store = assignerOf(script, target);
  if (op === "=") return (runtime) => store(runtime, value(runtime));
  const arithmetic = op.slice(0, -1);
  if (!["+", "-", "*", "/", "%"].includes(arithmetic)) {
    return (runtime) => {
      value(runtime);
      throw runtime.unsupported(operator, `operator ${op}`);
    };
  }
  const current = evaluatorOf(script, target);
  return (runtime) => {
    const assigned = value(runtime);
    return store(runtime, applyArithmetic(arithmetic, current(runtime), assigned));
  };
}

/** How a value is stored into a variable, `[type]$variable`, `$object.Property` or `$array[i]`. */
function assignerOf(script: ParsedScript, target: SyntaxNode): Assigner {
  const refused: Assigner = (runtime) => {
    throw runtime.unsupported(target, "assignment target");
  };
  switch (target.type) {
    case "variable":
      return variableAssigner(script, target, (_runtime, value) => value);
    case "cast_expression": {
      const [typeLiteral, variable] = named(target);
      if (!typeLiteral || variable?.type !== "variable") return refused;
      return variableAssigner(script, variable, casterOf(script, typeLiteral));
    }
    case "member_access": {
      const [objectNode, separator, member] = target.children;
      if (!objectNode || !member || textOf(script, separator ?? target) === "::") return refused;
      const objectValue = evaluatorOf(script, objectNode);
      const name = memberNameOf(script, member);
      return (runtime, value) => {
        const object = objectValue(runtime);
        const memberName = nameNow(name, runtime);
        if (object instanceof PsObject && (object.kind === "hashtable" || object.has(memberName))) {
          object.set(memberName, value);
          return value;
        }
        throw new PowerShellError(
          `The property '${memberName}' cannot be found on this object. Verify that the property exists and can be set.`,
        );
      };
    }
    case "element_access": {
      const [objectNode, indexNode] = named(target);
      if (!objectNode || !indexNode) return refused;
      const objectValue = evaluatorOf(script, objectNode);
      const indexValueOf = evaluatorOf(script, indexNode);
      return (runtime, value) => {
        const object = objectValue(runtime);
        const index = indexValueOf(runtime);
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
      };
    }
    default:
      return (runtime) => {
        throw runtime.unsupported(target, `assignment to ${target.type.replace(/_/g, " ")}`);
      };
  }
}

/** Stores a value, converted first, into a `$variable`. */
function variableAssigner(
  script: ParsedScript,
  variable: SyntaxNode,
  convert: (runtime: Runtime, value: PsValue) => PsValue,
): Assigner {
  let name: string;
  try {
    name = variableName(script, variable);
  } catch {
    return (runtime, value) => {
      const converted = convert(runtime, value);
      runtime.variables.write(variableName(runtime.script, variable), converted, variable);
      return converted;
    };
  }
  const writer = variableWriter(name);
  return (runtime, value) => {
    const converted = convert(runtime, value);
    writer(runtime.variables, converted, variable);
    return converted;
  };
}
