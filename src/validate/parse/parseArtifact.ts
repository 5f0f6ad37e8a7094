import type { Node } from "web-tree-sitter";
import type { Artifact } from "../../emit/artifact.js";
import { loadParsers } from "./grammars.js";

/** A place where the grammar could not parse a generated script. */
export interface ParseProblem {
  /** 1-based. */
  line: number;
  column: number;
  /** `ERROR`, or `MISSING <node>`. */
  kind: string;
  sourceLine: string;
}

function collectProblems(node: Node, lines: string[], out: ParseProblem[]): void {
  if (node.isError || node.isMissing) {
    const line = node.startPosition.row + 1;
    out.push({
      line,
      column: node.startPosition.column + 1,
      kind: node.isMissing ? `MISSING ${node.type}` : "ERROR",
      sourceLine: lines[line - 1] ?? "",
    });
    if (node.isError) return;
  }
  for (const child of node.children) if (child?.hasError || child?.isMissing) collectProblems(child, lines, out);
}

/** Parses a script with its format's tree-sitter grammar; returns every ERROR and MISSING node. */
export async function parseArtifact(artifact: Artifact): Promise<ParseProblem[]> {
  const parsers = await loadParsers();
  const text = artifact.bytes.toString("latin1");
  const tree = parsers[artifact.format].parse(text);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${artifact.fileName}`);
  try {
    if (!tree.rootNode.hasError) return [];
    const problems: ParseProblem[] = [];
    collectProblems(tree.rootNode, text.split("\r\n"), problems);
    return problems;
  } finally {
    tree.delete();
  }
}
