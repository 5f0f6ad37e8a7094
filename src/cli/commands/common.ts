import path from "node:path";
import { EmitError } from "../../emit/artifact.js";
import { OptionsError } from "../../options/diagnostics.js";
import { loadOptions } from "../../options/load.js";
import type { RdlOptions } from "../../options/types.js";
import { ValidationError } from "../../validate/index.js";
import { ForeignFileError, OutDirError } from "../../write/build.js";
import { ExitCode } from "../exitCodes.js";
import type { CliIo } from "../io.js";
import { jsonError } from "./jsonError.js";
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
 * not ours), as text on stderr or, with --json, as JSON on stdout, and sets its exit code;
 * anything else is a bug and is rethrown.
 */
export function reportFailure(
  io: CliIo,
  result: CommandResult,
  error: unknown,
  json = false,
): void {
  let details: object;
  if (error instanceof OptionsError) details = { diagnostics: error.diagnostics };
  else if (error instanceof ValidationError) details = { problems: error.problems };
  else if (error instanceof ForeignFileError) details = { files: error.files };
  else if (error instanceof EmitError || error instanceof OutDirError) details = {};
  else throw error;
  if (json) io.stdout(jsonError(error.name, error.message, details));
  else io.stderr(`${error.message}\n`);
  result.code = ExitCode.badInput;
}
