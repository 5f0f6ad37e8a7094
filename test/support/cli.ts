import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { main } from "../../src/cli/main.js";
import { packageRoot } from "../../src/paths.js";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * bin/rdlogoff.js, which runs the bundle in dist/bundle/ (`npm test` builds it first); refused
 * when tsc's output is newer than the bundle (`npx tsc` alone leaves the bundle as it was), so
 * that no test runs old code.
 */
export function builtCli(): string {
  const built = (file: string): number => statSync(path.join(packageRoot, "dist", file)).mtimeMs;
  if (built("cli/main.js") > built("bundle/main.js")) {
    throw new Error("dist/bundle/ is older than dist/: run npm run build");
  }
  return path.join(packageRoot, "bin/rdlogoff.js");
}

/** Runs the built CLI ({@link builtCli}) in `cwd`, with `env` added to the environment. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const run = spawnSync(process.execPath, [builtCli(), ...args], {
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
