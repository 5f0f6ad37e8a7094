import type { Node, Tree } from "web-tree-sitter";
import { parsePlain, withTree, type PlainNode } from "../../grammars.js";
import { UnsupportedSyntaxError } from "./errors.js";
import { parseComparisonOperator } from "./operators.js";
import { keepTree, keptTree } from "./treeCache.js";
import { lineColumn, textOf, unsupportedAt, type ParsedScript, type SyntaxNode } from "./tree.js";

/**
 * Parses a script with the tree-sitter-powershell grammar and turns the CST into plain
 * objects the interpreter walks: the grammar's single-child precedence chains
 * (`logical_expression` > `bitwise_expression` > ... > `unary_expression`) are collapsed, and
 * every node type outside the simulated subset is rejected before anything runs, so a
 * construct in a branch the fixtures never reach still fails the check.
 */

/** Chain nodes that only carry precedence: a one-child instance is replaced by its child. */
const collapsible = new Set([
  "pipeline",
  "pipeline_chain",
  "logical_expression",
  "bitwise_expression",
  "comparison_expression",
  "additive_expression",
  "multiplicative_expression",
  "format_expression",
  "range_expression",
  "array_literal_expression",
  "unary_expression",
  "left_assignment_expression",
  "argument_expression",
  "logical_argument_expression",
  "bitwise_argument_expression",
  "comparison_argument_expression",
  "additive_argument_expression",
  "multiplicative_argument_expression",
  "format_argument_expression",
  "range_argument_expression",
  "member_name",
  "key_expression",
  "command_name_expr",
  "string_literal",
  "integer_literal",
  "while_condition",
  "script_block_body",
  "redirected_file_name",
]);

/** Named node types inside the simulated subset. */
const supportedTypes = new Set([
  ...collapsible,
  "program",
  "param_block",
  "attribute_list",
  "attribute",
  "attribute_name",
  "attribute_arguments",
  "attribute_argument",
  "type_literal",
  "type_spec",
  "type_name",
  "type_identifier",
  "array_type_name",
  "parameter_list",
  "script_parameter",
  "script_parameter_default",
  "statement_list",
  "statement_block",
  "empty_statement",
  "comment",
  "assignment_expression",
  "assignement_operator",
  "comparison_operator",
  "format_operator",
  "expression_with_unary_operator",
  "cast_expression",
  "pre_increment_expression",
  "pre_decrement_expression",
  "post_increment_expression",
  "post_decrement_expression",
  "variable",
  "member_access",
  "simple_name",
  "element_access",
  "invokation_expression",
  "argument_list",
  "argument_expression_list",
  "parenthesized_expression",
  "sub_expression",
  "array_expression",
  "script_block_expression",
  "script_block",
  "hash_literal_expression",
  "hash_literal_body",
  "hash_entry",
  "expandable_string_literal",
  "verbatim_string_characters",
  "decimal_integer_literal",
  "hexadecimal_integer_literal",
  "real_literal",
  "command",
  "command_name",
  "command_elements",
  "command_parameter",
  "command_argument_sep",
  "generic_token",
  "command_invokation_operator",
  "path_command_name",
  "path_command_name_token",
  "redirection",
  "merging_redirection_operator",
  "file_redirection_operator",
  "if_statement",
  "elseif_clauses",
  "elseif_clause",
  "else_clause",
  "foreach_statement",
  "while_statement",
  "switch_statement",
  "switch_parameters",
  "switch_parameter",
  "switch_condition",
  "switch_body",
  "switch_clauses",
  "switch_clause",
  "switch_clause_condition",
  "try_statement",
  "catch_clauses",
  "catch_clause",
  "catch_type_list",
  "finally_clause",
  "flow_control_statement",
  "function_statement",
  "function_name",
  "function_parameter_declaration",
]);

/** Binary-operator tokens the interpreter implements, by the chain node that holds them. */
const supportedInfix: Record<string, Set<string>> = {
  logical_expression: new Set(["-and", "-or"]),
  logical_argument_expression: new Set(["-and", "-or"]),
  // The grammar also lets -and/-or form a bitwise_argument_expression inside method arguments.
  bitwise_argument_expression: new Set(["-and", "-or"]),
  additive_expression: new Set(["+", "-"]),
  additive_argument_expression: new Set(["+", "-"]),
  multiplicative_expression: new Set(["*", "/", "%"]),
  multiplicative_argument_expression: new Set(["*", "/", "%"]),
};

const readableNames: Record<string, string> = {
  expandable_here_string_literal: "here-string",
  verbatim_here_string_characters: "here-string",
  for_statement: "for loop",
  do_statement: "do loop",
  trap_statement: "trap statement",
  class_statement: "class definition",
  enum_statement: "enum definition",
  data_statement: "data section",
  named_block_list: "begin/process/end blocks",
  pipeline_chain_tail: "pipeline chain operator (&&, ||)",
  stop_parsing: "stop-parsing token (--%)",
  verbatim_command_argument: "stop-parsing token (--%)",
  invokation_foreach_expression: ".foreach() method",
  braced_variable: "braced variable ${...}",
  label: "loop label",
  generic_type_name: "generic type",
};

function firstError(node: Node): Node | undefined {
  if (node.type === "ERROR" || node.isMissing) return node;
  for (const child of node.children) {
    if (child.hasError || child.isMissing) return firstError(child) ?? child;
  }
  return undefined;
}

function convert(node: PlainNode): SyntaxNode {
  const children = node.children.map(convert);
  const only = children[0];
  if (collapsible.has(node.type) && children.length === 1 && only?.named) return only;
  return {
    type: node.type,
    named: node.named,
    start: node.start,
    end: node.end,
    children,
  };
}

function check(script: ParsedScript, node: SyntaxNode): void {
  if (node.named && !supportedTypes.has(node.type)) {
    throw unsupportedAt(script, node, readableNames[node.type] ?? node.type.replace(/_/g, " "));
  }
  const infix = supportedInfix[node.type];
  if (node.type.endsWith("expression") && node.children.length === 3) {
    const operator = node.children[1];
    const operatorText = operator && !operator.named ? textOf(script, operator).toLowerCase() : "";
    const isChain = node.type.startsWith("bitwise") || node.type.startsWith("range") || infix;
    if (operator && isChain && !(infix?.has(operatorText) ?? false)) {
      throw unsupportedAt(script, operator, `operator ${operatorText}`);
    }
  }
  // -is and -isnot are type tests, with a type literal on the right (expressions.ts).
  const typeTest = /^-is(not)?$/i.test(textOf(script, node));
  if (
    node.type === "comparison_operator" &&
    !typeTest &&
    !parseComparisonOperator(textOf(script, node))
  ) {
    throw unsupportedAt(script, node, `operator ${textOf(script, node).toLowerCase()}`);
  }
  for (const child of node.children) check(script, child);
}

/**
 * Parses and checks a script. Throws UnsupportedSyntaxError at the first spot the grammar
 * could not parse or the first construct outside the subset.
 */
/**
 * Parsed scripts by source text: a script is parsed and checked once, then run on every
 * listing from its plain tree (a run never changes the tree). Bounded, oldest first out.
 */
const parsedScripts = new Map<string, Promise<ParsedScript>>();
const parsedScriptsKept = 64;

export function parseScript(source: string, keep = false): Promise<ParsedScript> {
  let parsed = parsedScripts.get(source);
  if (!parsed) {
    parsed = parseScriptOnce(source, keep);
    parsedScripts.set(source, parsed);
    if (parsedScripts.size > parsedScriptsKept) {
      const oldest = parsedScripts.keys().next().value;
      if (oldest !== undefined) parsedScripts.delete(oldest);
    }
  }
  return parsed;
}

/** Where and why the grammar could not parse a script, or undefined when it could. */
function grammarError(tree: Tree, source: string): UnsupportedSyntaxError | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const bad = firstError(tree.rootNode) ?? tree.rootNode;
  const { line, column } = lineColumn(source, bad.startIndex);
  const found = bad.text || source.slice(bad.startIndex).split(/\r?\n/)[0] || "end of script";
  const text = found.length > 30 ? `${found.slice(0, 30)}...` : found;
  return new UnsupportedSyntaxError(
    line,
    column,
    `syntax (the grammar cannot parse ${JSON.stringify(text)})`,
  );
}

async function parseScriptOnce(source: string, keep: boolean): Promise<ParsedScript> {
  const kept = keep ? keptTree(source) : undefined;
  if (kept) return { source, root: kept };
  const error = await withTree("powershell", source, (tree) => grammarError(tree, source));
  if (error) throw error;
  const script: ParsedScript = { source, root: convert(await parsePlain("powershell", source)) };
  check(script, script.root);
  if (keep) keepTree(source, script.root);
  return script;
}
