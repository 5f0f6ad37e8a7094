import type { ConsoleCodePage } from "../../listing/codePages.js";
import { createSessionWorld, type SessionWorldConfig } from "../world.js";
import { withinEngineLimits, type SimulationResult, type World } from "../types.js";
import { Interpreter } from "./interpreter.js";
import { parseScript } from "./syntax.js";

export { UnsupportedSyntaxError, PowerShellError } from "./errors.js";
export type { RdUserSession } from "../types.js";

/**
 * Runs a generated `.ps1` (the Windows PowerShell 5.1 subset rdlogoff's templates use)
 * in-process against fixtures, and reports what it printed and which commands it called.
 * There is no PowerShell on the build machines; this is how the `.ps1` side is proven.
 */

/**
 * The world a PowerShell script sees: the session servers and the RemoteDesktop module (its
 * `rdUserSessions` and `rdDeployment`, see SessionWorldConfig), plus the machine it runs on.
 */
export interface PowerShellWorldConfig extends SessionWorldConfig {
  /** The server the script runs on (`$env:COMPUTERNAME`); undefined: reading it is refused. */
  computerName?: string;
  /** The session the script runs in (`(Get-Process -Id $PID).SessionId`); undefined: refused. */
  currentSessionId?: number;
  /**
   * The console's code page ([Console]::OutputEncoding), which decodes what native programs
   * print: 850 on a French or German console, 866 on a Russian one. Default 437 (US English).
   */
  consoleCodePage?: ConsoleCodePage;
  /** More environment variables (`$env:NAME`), beside SystemRoot, windir, SystemDrive, ComSpec. */
  environment?: Record<string, string>;
}

/** How to run a script. */
export interface PowerShellRunOptions {
  /** Command-line arguments after the script path, e.g. `["-WhatIf"]`. */
  args?: string[];
  /** The simulated clock's start (Get-Date); Start-Sleep advances it. Default 2024-01-01 00:00:00. */
  now?: Date;
  /** Bound on executed statements and pipeline items. Default 1 000 000 (a 600-session listing stays far below it). */
  maxSteps?: number;
  /** The script's file name, as ShouldProcess and Write-Error name it. Default `script.ps1`. */
  scriptName?: string;
  /** The World to run against instead of one built from the config (a test watching programs). */
  world?: World;
  /**
   * Keep the script's checked syntax tree on disk and use a kept one, so that a repeat run of
   * the same script loads no grammar (`rdlogoff simulate`; src/simulate/powershell/treeCache.ts).
   */
  keepTree?: boolean;
}

const defaultNow = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

/**
 * Parses, checks and runs a script. Throws UnsupportedSyntaxError for anything outside the
 * subset (before running, for syntax; when reached, for commands and members) and
 * StepLimitError for a run past `maxSteps`; PowerShell errors become stderr and exit codes
 * as they would on Windows.
 */
export async function simulatePowerShell(
  script: string,
  world: PowerShellWorldConfig,
  options: PowerShellRunOptions = {},
): Promise<SimulationResult> {
  const parsed = await parseScript(script, options.keepTree ?? false);
  const interpreter = new Interpreter(parsed, {
    world: options.world ?? createSessionWorld(world),
    computerName: world.computerName,
    environment: world.environment ?? {},
    currentSessionId: world.currentSessionId,
    consoleCodePage: world.consoleCodePage ?? 437,
    now: options.now ?? defaultNow,
    maxSteps: options.maxSteps ?? 1_000_000,
    scriptName: options.scriptName ?? "script.ps1",
  });
  const exitCode = withinEngineLimits(
    () => interpreter.run(options.args ?? []),
    () => interpreter.steps,
  );
  const lines = (text: string[]): string => text.map((line) => `${line}\r\n`).join("");
  return {
    calls: interpreter.calls,
    stdout: lines(interpreter.stdout),
    stderr: lines(interpreter.stderr),
    exitCode,
    steps: interpreter.steps,
    files: Object.fromEntries(
      [...interpreter.files.values()].map((file) => [file.path, file.content]),
    ),
  };
}
