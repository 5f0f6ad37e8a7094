import type { ParameterSpec } from "./binder.js";
import type { Emit, Processor, Runtime, StageRedirection } from "./runtime.js";
import { writeError } from "./streams.js";
import type { SyntaxNode } from "./tree.js";
import type { PsValue } from "./values.js";

/**
 * What a built-in cmdlet is and sees. Each starts as a pipeline Processor: `process` gets one
 * piped item, `end` runs once after the input is exhausted (or at once for a first stage).
 */

/** Everything a cmdlet sees of its invocation. */
export interface CmdletContext {
  runtime: Runtime;
  name: string;
  node: SyntaxNode;
  /** Bound values by canonical parameter name. */
  parameters: Map<string, PsValue>;
  emit: Emit;
  redirection: StageRedirection;
  expectingInput: boolean;
  errorAction: PsValue | undefined;
  whatIf: boolean;
  verbose: boolean;
}

/** A built-in cmdlet. */
export interface CmdletDefinition {
  /** Canonical spelling, as the call log and error messages show it. */
  name: string;
  parameters: ParameterSpec[];
  start(context: CmdletContext): Processor;
}

/** Writes a non-terminating error of the cmdlet, as its -ErrorAction and redirection say. */
export function reportError(context: CmdletContext, message: string, exceptionType: string): void {
  writeError(
    context.runtime,
    message,
    exceptionType,
    context.name,
    context.errorAction,
    context.redirection,
    context.emit,
  );
}

/** A processor that ignores input and acts once. */
export function once(action: () => void): Processor {
  return { process: () => undefined, end: action };
}

/** A parameter the cmdlet cannot do without; PowerShell would prompt for it, so it is refused. */
export function required(context: CmdletContext, name: string): PsValue {
  const value = context.parameters.get(name);
  if (value === undefined || value === null) {
    throw context.runtime.unsupported(
      context.node,
      `${context.name} without -${name} (it would prompt for it)`,
    );
  }
  return value;
}
