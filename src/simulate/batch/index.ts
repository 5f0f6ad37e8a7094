/**
 * The in-process cmd.exe simulator: runs a batch script against an injected World and an
 * in-memory disk, and reports the external calls it made, its console output, exit code and
 * files. Deterministic: dates, times, %RANDOM% and the environment come from the options.
 */
import { withinEngineLimits, type SimulationResult, type World } from "../types.js";
import { prepareBatchScript, scriptContext } from "./contexts.js";
import { MemoryFileSystem, directoryOf, resolveWindowsPath } from "./fs.js";
import { BatchInterpreter } from "./interp.js";

export { StepLimitError } from "../types.js";

/** How to run a script; every field has a fixed default so runs are reproducible. */
export interface BatchRunOptions {
  /** %1, %2, ... (each one argument as cmd would see it, quotes included if wanted). */
  args?: string[];
  /** %0 and %~dp0 (default `C:\rdlogoff\script.bat`). */
  scriptPath?: string;
  /**
   * Bound on lines read plus commands and loop iterations run (default 3,000,000: the safe
   * .bat that warns on three servers, each listed twice with 600 sessions, takes about 860,000).
   * There is no wall-clock bound: a run's result never depends on how busy the machine is.
   */
  maxSteps?: number;
  /** Variables added to (or replacing) the default environment. */
  env?: Record<string, string>;
  /** Files on the simulated disk before the run, by path (relative to `cwd` or absolute). */
  files?: Record<string, string>;
  /** Current directory (default `C:\rdlogoff`). */
  cwd?: string;
  /** %DATE% (default `Mon 01/15/2024`). */
  date?: string;
  /** %TIME% (default `12:00:00.00`). */
  time?: string;
  /** Seed of %RANDOM% (default 1). */
  randomSeed?: number;
}

/** The environment of an elevated admin console on a typical Remote Desktop server. */
export const defaultEnvironment: Readonly<Record<string, string>> = {
  ALLUSERSPROFILE: "C:\\ProgramData",
  APPDATA: "C:\\Users\\Administrator\\AppData\\Roaming",
  ComSpec: "C:\\Windows\\system32\\cmd.exe",
  COMPUTERNAME: "RDSH01",
  HOMEDRIVE: "C:",
  HOMEPATH: "\\Users\\Administrator",
  LOCALAPPDATA: "C:\\Users\\Administrator\\AppData\\Local",
  NUMBER_OF_PROCESSORS: "4",
  OS: "Windows_NT",
  Path: "C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\",
  PATHEXT: ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC",
  PROCESSOR_ARCHITECTURE: "AMD64",
  ProgramData: "C:\\ProgramData",
  ProgramFiles: "C:\\Program Files",
  PROMPT: "$P$G",
  PUBLIC: "C:\\Users\\Public",
  SystemDrive: "C:",
  SystemRoot: "C:\\Windows",
  TEMP: "C:\\Users\\ADMINI~1\\AppData\\Local\\Temp",
  TMP: "C:\\Users\\ADMINI~1\\AppData\\Local\\Temp",
  USERDOMAIN: "CONTOSO",
  USERNAME: "Administrator",
  USERPROFILE: "C:\\Users\\Administrator",
  windir: "C:\\Windows",
};

/**
 * Runs `script` (a byte string, one char per byte) as cmd.exe would run it as a batch file
 * with ECHO on. Throws StepLimitError when the step bound is hit.
 */
export function simulateBatch(
  script: string,
  world: World,
  options: BatchRunOptions = {},
): SimulationResult {
  const cwd = resolveWindowsPath("C:\\", options.cwd ?? "C:\\rdlogoff");
  const scriptPath = options.scriptPath ?? "C:\\rdlogoff\\script.bat";
  const env = { ...defaultEnvironment, ...options.env };
  const fs = new MemoryFileSystem(
    [
      cwd,
      directoryOf(resolveWindowsPath(cwd, scriptPath)),
      env.SystemRoot ?? "C:\\Windows",
      `${env.SystemRoot ?? "C:\\Windows"}\\System32`,
      env.TEMP ?? "C:\\Temp",
      ...(world.folders ?? []),
    ],
    world.folders === undefined,
  );
  for (const [path, content] of Object.entries(options.files ?? {})) {
    const full = resolveWindowsPath(cwd, path);
    fs.addDirectory(directoryOf(full));
    fs.write(full, content);
  }
  const vars = new Map<string, readonly [string, string]>();
  for (const [name, value] of Object.entries(env)) vars.set(name.toUpperCase(), [name, value]);
  const setup = {
    world,
    fs,
    scriptPath,
    isCmdFile: /\.cmd$/i.test(scriptPath),
    date: options.date ?? "Mon 01/15/2024",
    time: options.time ?? "12:00:00.00",
    randomSeed: options.randomSeed ?? 1,
    maxSteps: options.maxSteps ?? 3_000_000,
  };
  const stdout: string[] = [];
  const stderr: string[] = [];
  const budget = BatchInterpreter.budget(setup);
  const shell = new BatchInterpreter(setup, budget, {
    vars,
    cwd,
    echoOn: true,
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
  });
  withinEngineLimits(
    () =>
      shell.runContext(scriptContext(prepareBatchScript(script), options.args ?? [], scriptPath)),
    () => budget.steps,
  );
  return {
    calls: world.calls.map((call) =>
      call.args.length > 0 ? `${call.program} ${call.args.join(" ")}` : call.program,
    ),
    stdout: stdout.join(""),
    stderr: stderr.join(""),
    exitCode: shell.exitCode ?? shell.errorLevel,
    steps: budget.steps,
    files: fs.snapshot(),
  };
}
