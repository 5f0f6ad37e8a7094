import type { CommandModule } from "yargs";
import type { CliIo } from "../io.js";

/** Holds the exit code a command chose. */
export interface CommandResult {
  code: number;
}

/** A command module: built per run with its output sinks and result holder. */
export type CommandFactory = (io: CliIo, result: CommandResult) => CommandModule;
