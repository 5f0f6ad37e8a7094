import { PowerShellError } from "./errors.js";
import type { Emit, Runtime, StageRedirection } from "./runtime.js";
import type { SyntaxNode } from "./tree.js";
import { PsChar, PsErrorRecord, toBool, toStr, typeNameOf, type PsValue } from "./values.js";

/**
 * The streams a script writes to the console: output that reaches the top of the script,
 * errors and warnings (which preferences and redirections change), and ShouldProcess's
 * "What if:" lines.
 */

/** Writes one value that reached the top of the script (the console). */
export function writeOutput(runtime: Runtime, value: PsValue, node: SyntaxNode): void {
  if (value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) writeOutput(runtime, item, node);
    return;
  }
  if (value instanceof PsErrorRecord) {
    runtime.stderr.push(value.message);
    return;
  }
  if (value instanceof PsChar) {
    runtime.stdout.push(value.text);
    return;
  }
  if (typeof value === "object") {
    throw runtime.unsupported(node, `console formatting of a ${typeNameOf(value)}`);
  }
  runtime.stdout.push(toStr(value));
}

/** Writes a warning as the console shows it. */
export function writeWarning(runtime: Runtime, message: string, action: PsValue | undefined): void {
  const preference = runtime.variables.preference("WarningPreference", action);
  // Under Stop the warning is shown first, then the command stops (MshCommandRuntime.WriteWarning).
  if (preference !== "silentlycontinue" && preference !== "ignore") {
    runtime.stderr.push(`WARNING: ${message}`);
  }
  if (preference === "stop") {
    throw new PowerShellError(
      `The running command stopped because the preference variable "WarningPreference" or common parameter is set to Stop: ${message}`,
      "System.Management.Automation.ActionPreferenceStopException",
    );
  }
}

/**
 * A non-terminating error: promoted to a terminating one under `Stop`, else written to the
 * console (or merged into output, or dropped, by the command's redirection).
 */
export function writeError(
  runtime: Runtime,
  message: string,
  exceptionType: string,
  source: string,
  action: PsValue | undefined,
  redirection: StageRedirection,
  emit: Emit,
): void {
  runtime.failPipeline();
  const preference = runtime.variables.preference("ErrorActionPreference", action);
  if (preference === "stop") throw new PowerShellError(message, exceptionType, source, true);
  if (preference === "silentlycontinue" || preference === "ignore") return;
  if (redirection.errors === "merge") emit(new PsErrorRecord(message, exceptionType));
  else if (redirection.errors === "console") runtime.stderr.push(`${source} : ${message}`);
}

/**
 * $PSCmdlet.ShouldProcess: under -WhatIf it prints PowerShell's "What if:" line and says no;
 * otherwise yes (-Confirm, which would prompt, is refused when the script is bound).
 */
export function shouldProcess(runtime: Runtime, target: string, operation: string): boolean {
  if (toBool(runtime.variables.get("WhatIfPreference"))) {
    runtime.stdout.push(`What if: Performing the operation "${operation}" on target "${target}".`);
    return false;
  }
  return true;
}
