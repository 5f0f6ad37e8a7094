import { keptFor } from "../kept.js";
import { UnsupportedSyntaxError } from "./errors.js";

/**
 * The syntax tree the parser (syntax.ts) hands the interpreter: plain objects detached from the
 * WebAssembly tree, and the helpers every part of the interpreter reads them with. It depends on
 * nothing else, so values and the interpreter can name a node without reaching the parser.
 */

/** One CST node, detached from the WebAssembly tree. */
export interface SyntaxNode {
  type: string;
  /** Whether the grammar names this node (false for punctuation and keywords). */
  named: boolean;
  /** UTF-16 offsets into the script. */
  start: number;
  end: number;
  children: SyntaxNode[];
}

/** A parsed script: its root and what the interpreter needs to report positions. */
export interface ParsedScript {
  source: string;
  root: SyntaxNode;
}

/** Node types that run commands as a pipeline (rather than evaluate an expression). */
export const pipelineTypes = new Set(["pipeline", "pipeline_chain", "command"]);

/** The 1-based line and column of a UTF-16 offset. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

/** An UnsupportedSyntaxError located at a node. */
export function unsupportedAt(
  script: ParsedScript,
  node: SyntaxNode,
  construct: string,
): UnsupportedSyntaxError {
  const { line, column } = lineColumn(script.source, node.start);
  return new UnsupportedSyntaxError(line, column, construct);
}

/** The source text of a node. */
export function textOf(script: ParsedScript, node: SyntaxNode): string {
  return script.source.slice(node.start, node.end);
}

/**
 * Named children by node, found once: the interpreter asks for them on every evaluation, and a
 * tree never changes once parsed.
 */
const namedChildren = new WeakMap<SyntaxNode, readonly SyntaxNode[]>();

/** Named children of a node, comments left out (a caller must not change the list). */
export function named(node: SyntaxNode): readonly SyntaxNode[] {
  return keptFor(namedChildren, node, namedChildrenOf);
}

function namedChildrenOf(node: SyntaxNode): readonly SyntaxNode[] {
  return node.children.filter((child) => child.named && child.type !== "comment");
}

/** The first child of a type. */
export function childOfType(node: SyntaxNode, type: string): SyntaxNode | undefined {
  return node.children.find((child) => child.type === type);
}
