import { EmitError } from "../../emit/artifact.js";
import { OptionsError } from "../../options/diagnostics.js";
import { loadOptions } from "../../options/load.js";
import type { RdlOptions } from "../../options/types.js";
import { ValidationError } from "../../validate/index.js";
import { ForeignFileError, OutDirError } from "../../write/build.js";
import { ExitCode } from "../exitCodes.js";
import type { CliIo } from "../io.js";
import type { CommandResult } from "./types.js";

export interface ConfigArgs {
  config?: string;
  quiet: boolean;
}

export function loadConfig(io: CliIo, args: ConfigArgs): Promise<RdlOptions> {
  return loadOptions(io.cwd, args.config);
}

/**
 * Prints an expected failure (bad options, an artifact that fails validation, a file that is
 * not ours) and sets its exit code; anything else is a bug and is rethrown.
 */
export function reportFailure(io: CliIo, result: CommandResult, error: unknown): void {
  if (
    error instanceof OptionsError ||
    error instanceof ValidationError ||
    error instanceof EmitError ||
    error instanceof ForeignFileError ||
    error instanceof OutDirError
  ) {
    io.stderr(`${error.message}\n`);
    result.code = ExitCode.badInput;
    return;
  }
  throw error;
}
