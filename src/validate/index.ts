import type { Artifact } from "../emit/artifact.js";
import { parseArtifact } from "./parse/parseArtifact.js";

/** Something that keeps an artifact from being written. */
export interface ValidationProblem {
  target: string;
  fileName: string;
  /** 1-based; 0 when the problem is not tied to a line. */
  line: number;
  column: number;
  /** Which check found it: `parse`, a lint code (`RDL101`) or `simulate`. */
  check: string;
  message: string;
  sourceLine: string;
}

/** `dist-scripts/x.bat:3:5: parse: ERROR` followed by the source line. */
export function formatValidationProblem(p: ValidationProblem): string {
  const where = p.line > 0 ? `${p.fileName}:${p.line}:${p.column}` : p.fileName;
  const head = `${where}: target ${p.target}: ${p.check}: ${p.message}`;
  return p.sourceLine ? `${head}\n    ${p.sourceLine}` : head;
}

/** Raised by build when any artifact fails validation; nothing has been written. */
export class ValidationError extends Error {
  constructor(readonly problems: ValidationProblem[]) {
    super(problems.map(formatValidationProblem).join("\n"));
    this.name = "ValidationError";
  }
}

/** Runs every check on every artifact and returns all problems found. */
export async function validateArtifacts(
  artifacts: readonly Artifact[],
): Promise<ValidationProblem[]> {
  const problems: ValidationProblem[] = [];
  for (const artifact of artifacts) {
    for (const p of await parseArtifact(artifact)) {
      problems.push({
        target: artifact.target,
        fileName: artifact.fileName,
        line: p.line,
        column: p.column,
        check: "parse",
        message: `the ${artifact.format === "bat" ? "tree-sitter-batch" : "tree-sitter-powershell"} grammar found ${p.kind}`,
        sourceLine: p.sourceLine,
      });
    }
  }
  return problems;
}
