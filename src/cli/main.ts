import { createRequire } from "node:module";
import type { Argv, Options } from "yargs";
import { closestMatch } from "../options/suggest.js";
import { ExitCode } from "./exitCodes.js";
import { processIo, type CliIo } from "./io.js";
import { commandModules } from "./commands/index.js";
import { plainCommandLine } from "./plainCommandLine.js";
import { generatorVersion } from "../version.js";

/**
 * yargs as CommonJS: its ES module build lays out help with a wrapper that cuts words in two,
 * the CommonJS build with wrap-ansi, which wraps at word boundaries. Loaded only for a command
 * line that is not plain (src/cli/plainCommandLine.ts).
 */
const yargs = (argv: string[]): Argv =>
  (createRequire(import.meta.url)("yargs") as (argv: string[]) => Argv)(argv);

/** The options of every command. */
export const globalOptions: Record<string, Options> = {
  quiet: { alias: "q", type: "boolean", default: false, describe: "Print errors only" },
};

/**
 * A mistyped command line: an unknown command or flag, a missing argument, a value of the
 * wrong kind. Thrown from yargs' failure hook so that no command runs, nothing is read or
 * written, and the CLI exits 2.
 */
class UsageError extends Error {}

/** The switches of every command. */
const booleanFlags = new Set([
  "quiet",
  "force",
  "json",
  "verbose",
  "whatif",
  "exit-code",
  "help",
  "version",
]);

/** The flags that take several values (and the positionals yargs collects in `_`). */
const listFlags = new Set(["_", "files", "server", "arg"]);

/** yargs' message, with a did-you-mean for each unknown flag among the command's own. */
function usageMessage(message: string, known: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (!unknown) return message;
  const hints = (unknown[1] ?? "").split(", ").flatMap((flag) => {
    const match = closestMatch(flag, known);
    return match ? [`--${flag}: did you mean --${match}?`] : [];
  });
  return [message, ...hints].join("\n");
}

/** Every flag some command takes, for did-you-mean: each command's builder run on its own. */
function knownFlags(io: CliIo, result: { code: number }): string[] {
  const names = new Set(["quiet", "help", "version"]);
  for (const make of commandModules) {
    const { builder } = make(io, result);
    if (typeof builder !== "function") continue;
    const built = builder(yargs([])) as unknown as { getOptions(): { key: object } };
    for (const name of Object.keys(built.getOptions().key)) names.add(name);
  }
  return [...names];
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code.
 * Each command module sets the code through the `result` holder.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const result = { code: ExitCode.ok as number };
  const commands = commandModules.map((make) => make(io, result));
  const plain = plainCommandLine(argv, commands, globalOptions);
  if (plain) {
    await plain.command.handler(plain.args as never);
    return result.code;
  }
  let parser: Argv = yargs(argv)
    .scriptName("rdlogoff")
    .usage("$0 <command> [options]")
    .version(generatorVersion)
    .options(globalOptions)
    .strict()
    // A flag given twice becomes a list; only the list flags may be one.
    .check((args) => {
      const twice = Object.keys(args).find(
        (key) => Array.isArray(args[key]) && !listFlags.has(key),
      );
      return twice === undefined || `--${twice} is given more than once`;
    }, true)
    .demandCommand(1, "Name a command: init, build, check, diff, explain, lint, simulate.")
    .recommendCommands()
    .wrap(process.stdout.columns || 100)
    .exitProcess(false)
    .fail((message, error) => {
      if (error && !(error as { name?: string }).name?.startsWith("YError")) throw error;
      throw new UsageError(usageMessage(message ?? error?.message ?? "", knownFlags(io, result)));
    });
  for (const command of commands) parser = parser.command(command);
  try {
    // yargs reads --force=nope as false: a mistyped value must not quietly mean something.
    const badValue = argv.find((arg) => {
      const match = /^--([a-z-]+)=(.*)$/.exec(arg);
      return match && booleanFlags.has(match[1] ?? "") && !/^(true|false)$/.test(match[2] ?? "");
    });
    if (badValue) throw new UsageError(`${badValue}: a switch is true or false`);
    await parser.parseAsync();
  } catch (error) {
    // A command's .check() failing reaches here as its message alone.
    if (!(error instanceof UsageError) && typeof error !== "string") throw error;
    const message = typeof error === "string" ? error : error.message;
    if (argv.includes("--json")) {
      io.stdout(`${JSON.stringify({ error: { kind: "UsageError", message } }, null, 2)}\n`);
    } else {
      io.stderr(`rdlogoff: ${message}\n`);
      io.stderr("Run 'rdlogoff --help' for usage.\n");
    }
    return ExitCode.badInput;
  }
  return result.code;
}
