/**
 * Types shared by the batch and PowerShell simulators.
 *
 * Text is carried as byte strings: every character is one byte (0-255), as read with
 * `Buffer.toString("latin1")`. cmd.exe compares the bytes of the script with the bytes
 * the tools print in the console's OEM code page, so the simulators must too.
 */

/** What an external program did. */
export interface ProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One external program call, as the call log records it. */
export interface ExternalCall {
  /** Program name, lower-case, without directory or extension (`logoff`). */
  program: string;
  /** Arguments split as the Microsoft C runtime splits a command line. */
  args: string[];
}

/**
 * The outside world of a simulated script. Every external program goes through `exec`;
 * nothing in a simulator touches the real system.
 */
export interface World {
  /**
   * Runs an external program. `commandTail` is the raw text after the program name, as the
   * shell would pass it to CreateProcess. Returns undefined when no such program exists
   * (cmd then prints "is not recognized..." and sets errorlevel 9009).
   */
  exec(program: string, commandTail: string, stdin: string): ProcessResult | undefined;
  /** Every call made so far, in order. */
  readonly calls: readonly ExternalCall[];
}

/** The outcome of one simulated run. */
export interface SimulationResult {
  /** One line per external program call: `logoff 3`, `query session /server:rdsh01`. */
  calls: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
  steps: number;
  /** Files the script left in its in-memory file system, by Windows path (byte strings). */
  files: Record<string, string>;
}

/** Thrown when a run exceeds its step or time bound (an endless `goto` loop). */
export class StepLimitError extends Error {
  constructor(
    readonly steps: number,
    message: string,
  ) {
    super(message);
    this.name = "StepLimitError";
  }
}
