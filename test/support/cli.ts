import { spawnSync } from "node:child_process";
import path from "node:path";
import { packageRoot } from "../../src/paths.js";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (bin/rdlogoff.js, which loads dist/: `npm test` builds first) in `cwd`. */
export function runCli(args: string[], cwd: string): CliRun {
  const run = spawnSync(process.execPath, [path.join(packageRoot, "bin/rdlogoff.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
