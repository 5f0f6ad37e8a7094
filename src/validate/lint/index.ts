import type { ScriptFormat } from "../../options/types.js";
import type { SessionSelection } from "../../plan/plan.js";
import { loadParsers } from "../parse/grammars.js";
import { lintBatch } from "./batch.js";
import { lintCodes, type LintFinding } from "./codes.js";
import { lintPowerShell } from "./powershell.js";

export { lintCodes, type LintCode, type LintFinding } from "./codes.js";

/** The strings options put into a script, which must only appear in single-quoted literals. */
export function optionStrings(selection: SessionSelection): string[] {
  return [
    ...selection.excludeUsers,
    ...selection.onlyUsers,
    ...selection.excludeSessions,
    ...selection.servers,
    ...(selection.warn ? [selection.warn.message] : []),
    ...(selection.log !== undefined ? [selection.log] : []),
    ...(selection.connectionBroker !== undefined ? [selection.connectionBroker] : []),
    ...(selection.collectionName !== undefined ? [selection.collectionName] : []),
  ];
}

/** Lints a script's bytes (as a byte string) by its format. */
export async function lintScript(
  format: ScriptFormat,
  text: string,
  optionValues: readonly string[] = [],
): Promise<LintFinding[]> {
  if (format === "bat") return lintBatch(text);
  const parsers = await loadParsers();
  const tree = parsers.ps1.parse(text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  try {
    return lintPowerShell(text, tree, optionValues);
  } finally {
    tree.delete();
  }
}

/** `file:line:col: severity: message [RDL101]`, the form editors link (ShellCheck's gcc format). */
export function formatFinding(file: string, f: LintFinding): string {
  return `${file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.code}]`;
}

/** The page that explains a code. */
export function findingDoc(code: keyof typeof lintCodes): string {
  return `docs/checks/${code}.md`;
}
