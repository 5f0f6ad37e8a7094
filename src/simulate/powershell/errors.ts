/**
 * Errors and control-flow signals of the PowerShell simulator.
 *
 * Two kinds of failure are kept apart: UnsupportedSyntaxError means the script left the subset
 * the simulator models (the run proves nothing and must fail loudly), while PowerShellError is a
 * PowerShell error the script itself raised or met (a script can catch it, as on Windows).
 */

/** A construct, command or member outside the simulated subset, with its 1-based position. */
export class UnsupportedSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly construct: string,
  ) {
    super(`line ${line}, column ${column}: unsupported ${construct}`);
    this.name = "UnsupportedSyntaxError";
  }
}

/**
 * A terminating PowerShell error. `exceptionType` is the .NET type a `catch [Type]` clause
 * matches; `source` is the command PowerShell names in front of the message
 * (`Import-Module : ...`). A statement-terminating error (failed conversion, method
 * exception, unknown parameter) ends only the statement outside `try` unless
 * $ErrorActionPreference is Stop; a script-terminating one (`throw`, an error promoted by
 * Stop) unwinds to the nearest `catch` or ends the script.
 */
export class PowerShellError extends Error {
  constructor(
    message: string,
    readonly exceptionType = "System.Management.Automation.RuntimeException",
    readonly source?: string,
    readonly scriptTerminating = false,
  ) {
    super(message);
    this.name = "PowerShellError";
  }
}

/** `break` and `continue`, unwinding to the nearest loop or switch. */
export class LoopSignal {
  constructor(readonly kind: "break" | "continue") {}
}

/** `return`, unwinding to the function or script block being run. */
export class ReturnSignal {
  readonly kind = "return";
}

/**
 * A `break`, `continue` or `return` as a statement hands it back: compiled statements return it
 * to the loop, switch, function or script block it ends, instead of throwing it through every
 * statement list between them. Where statements are run from elsewhere (an expression's
 * `$(...)`, a cmdlet's script block), it is thrown from there on.
 */
export type FlowSignal = LoopSignal | ReturnSignal;

/** `exit`, unwinding the whole script. */
export class ExitSignal {
  constructor(readonly exitCode: number) {}
}
