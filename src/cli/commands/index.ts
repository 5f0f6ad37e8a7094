import { buildCommand } from "./build.js";
import { checkCommand } from "./check.js";
import { diffCommand } from "./diff.js";
import { explainCommand } from "./explain.js";
import { initCommand } from "./init.js";
import { simulateCommand } from "./simulate.js";
import { lintCommand } from "./lint.js";

import type { CommandFactory } from "./types.js";

export type { CommandFactory, CommandResult } from "./types.js";

// Each command lives in its own module; register it here.
export const commandModules: CommandFactory[] = [
  buildCommand,
  checkCommand,
  diffCommand,
  explainCommand,
  initCommand,
  lintCommand,
  simulateCommand,
];
