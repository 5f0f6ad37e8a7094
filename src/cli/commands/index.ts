import type { CommandModule } from "yargs";
import type { CliIo } from "../io.js";
import { buildCommand } from "./build.js";
import { checkCommand } from "./check.js";
import { explainCommand } from "./explain.js";
import { simulateCommand } from "./simulate.js";
import { lintCommand } from "./lint.js";

/** Holds the exit code a command chose. */
export interface CommandResult {
  code: number;
}

/** A command module: built per run with its output sinks and result holder. */
export type CommandFactory = (io: CliIo, result: CommandResult) => CommandModule;

// Each command lives in its own module; register it here.
export const commandModules: CommandFactory[] = [
  buildCommand,
  checkCommand,
  explainCommand,
  lintCommand,
  simulateCommand,
];
