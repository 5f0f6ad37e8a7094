import { spawnSync } from "node:child_process";
import path from "node:path";
import { main } from "../../src/cli/main.js";
import { packageRoot } from "../../src/paths.js";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (bin/rdlogoff.js, which loads dist/: `npm test` builds first) in `cwd`,
 * with `env` added to the environment.
 */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const run = spawnSync(process.execPath, [path.join(packageRoot, "bin/rdlogoff.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs the CLI in-process (`main`) in `cwd`, capturing what it prints. */
export async function runMain(cwd: string, argv: string[]): Promise<CliRun & { code: number }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  return { code, stdout, stderr };
}
