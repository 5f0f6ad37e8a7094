import yargs from "yargs";
import type { Argv } from "yargs";
import { ExitCode } from "./exitCodes.js";
import { processIo, type CliIo } from "./io.js";
import { commandModules } from "./commands/index.js";
import { generatorVersion } from "../version.js";

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code.
 * Each command module sets the code through the `result` holder.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const result = { code: ExitCode.ok as number };
  let parser: Argv = yargs(argv)
    .scriptName("rdlogoff")
    .usage("$0 <command> [options]")
    .version(generatorVersion)
    .option("quiet", { alias: "q", type: "boolean", default: false, describe: "Print errors only" })
    .strict()
    .demandCommand(1, "Name a command: build, check, explain, lint, simulate.")
    .recommendCommands()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error && !(error as { name?: string }).name?.startsWith("YError")) throw error;
      io.stderr(`rdlogoff: ${message ?? error?.message}\n`);
      io.stderr("Run 'rdlogoff --help' for usage.\n");
      result.code = ExitCode.badInput;
    });
  for (const make of commandModules) parser = parser.command(make(io, result));
  await parser.parseAsync();
  return result.code;
}
