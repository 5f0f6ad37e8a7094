import type { Node } from "web-tree-sitter";
import { withTree, type GrammarName } from "../../grammars.js";

/** A place where the grammar could not parse a generated script. */
export interface ParseProblem {
  /** 1-based. */
  line: number;
  column: number;
  /** `ERROR`, or `MISSING <node>`. */
  kind: string;
  sourceLine: string;
}

/**
 * Where an ERROR node really starts: tree-sitter's recovery often lets it swallow comments
 * and whole statements before the broken one, so skip the children that parsed cleanly.
 */
function errorStart(node: Node): Node {
  const children = node.children.filter((c): c is Node => c !== null);
  const firstBroken = children.find((c) => c.hasError || c.isMissing || c.isError);
  if (firstBroken) return firstBroken.isError ? errorStart(firstBroken) : firstBroken;
  const kept = children.filter((c) => c.type !== "comment" && !c.isNamed);
  return kept[0] ?? children.find((c) => c.type !== "comment") ?? node;
}

function collectProblems(node: Node, lines: string[], out: ParseProblem[]): void {
  if (node.isError || node.isMissing) {
    const at = node.isError ? errorStart(node) : node;
    const line = at.startPosition.row + 1;
    out.push({
      line,
      column: at.startPosition.column + 1,
      kind: node.isMissing ? `MISSING ${node.type}` : "ERROR",
      sourceLine: lines[line - 1] ?? "",
    });
    return;
  }
  for (const child of node.children)
    if (child?.hasError || child?.isMissing) collectProblems(child, lines, out);
}

/** Parses a script with a tree-sitter grammar; returns every ERROR and MISSING node. */
export async function grammarProblems(grammar: GrammarName, text: string): Promise<ParseProblem[]> {
  return withTree(grammar, text, (tree) => {
    if (!tree.rootNode.hasError) return [];
    const problems: ParseProblem[] = [];
    collectProblems(tree.rootNode, text.split("\r\n"), problems);
    return problems;
  });
}
