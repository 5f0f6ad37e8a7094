import path from "node:path";
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
  outDir?: string;
  quiet: boolean;
}

/** The options file, with `--out-dir` (relative to the current folder) in place of its outDir. */
export async function loadConfig(io: CliIo, args: ConfigArgs): Promise<RdlOptions> {
  const options = await loadOptions(io.cwd, args.config);
  return args.outDir === undefined
    ? options
    : { ...options, outDir: path.resolve(io.cwd, args.outDir) };
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
