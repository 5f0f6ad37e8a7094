import type { LogoffPlan } from "../../plan/plan.js";
import { parsePlain } from "../../grammars.js";
import { lintBatch } from "./batch.js";
import type { lintCodes, LintFinding } from "./codes.js";
import { lintPowerShell } from "./powershell.js";

export { lintCodes, type LintCode, type LintFinding } from "./codes.js";

/** The strings options put into a script, which must only appear in single-quoted literals. */
export function optionStrings(plan: LogoffPlan): string[] {
  const ruleStrings = plan.rules.flatMap((rule) => {
    switch (rule.kind) {
      case "userNotIn":
      case "userIn":
        return rule.users;
      case "nameNotLike":
      case "userNotLike":
        return rule.patterns;
      default:
        return [];
    }
  });
  const run = plan.run;
  return [
    ...ruleStrings,
    ...run.servers,
    ...(run.warn ? [run.warn.message] : []),
    ...(run.log !== undefined ? [run.log] : []),
    ...(run.connectionBroker !== undefined ? [run.connectionBroker] : []),
    ...(run.collectionName !== undefined ? [run.collectionName] : []),
  ];
}

/** Lints a batch script's bytes (as a byte string). */
export function lintBatchScript(text: string): Promise<LintFinding[]> {
  return Promise.resolve(lintBatch(text));
}

/** Lints a PowerShell script's bytes; option values must only appear in single-quoted literals. */
export async function lintPowerShellScript(
  text: string,
  optionValues: readonly string[] = [],
): Promise<LintFinding[]> {
  return lintPowerShell(text, await parsePlain("powershell", text), optionValues);
}

/** `file:line:col: severity: message [RDL101]`, the form editors link (ShellCheck's gcc format). */
export function formatFinding(file: string, f: LintFinding): string {
  return `${file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.code}]`;
}

/** The page that explains a code. */
export function findingDoc(code: keyof typeof lintCodes): string {
  return `docs/checks/${code}.md`;
}
