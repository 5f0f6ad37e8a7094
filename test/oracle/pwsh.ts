/**
 * The pwsh oracle harness for tests: runs .ps1 scripts under real PowerShell with the stand-in
 * tools (pwshRunner.js does the work, shared with the benchmark) and gates tests on pwsh being
 * installed.
 */
import path from "node:path";
import { afterAll, it } from "vitest";
import { filesDigest, oracleCache, programVersion } from "./oracleCache.js";
import {
  disposePwsh,
  hostCompiler,
  installedPwsh,
  pwshAvailable,
  pwshVersion,
  runUnderPwsh as runUncached,
} from "./pwshRunner.js";
import type { PwshCase, PwshRun } from "./pwshRunner.js";
import { standinSources } from "./standinWorld.js";

export { pwshVersion };
export type { PwshCase, PwshRun };

const here = path.dirname(standinSources);

/** pwsh's runs, by case and by what makes a run: pwsh and .NET, the stand-ins' compiler, the harness. */
const cache = oracleCache<PwshCase, PwshRun>("pwsh", () => {
  const { version, runtime } = installedPwsh();
  return JSON.stringify([
    `pwsh ${version} on .NET ${runtime}`,
    programVersion(hostCompiler, ["--version"]),
    filesDigest([
      path.join(here, "pwshRunner.js"),
      path.join(here, "standinWorld.js"),
      standinSources,
    ]),
  ]);
});

/**
 * Runs cases under pwsh (see pwshRunner.js), the cases the oracle cache (oracleCache.ts)
 * answers excepted.
 */
export function runUnderPwsh(
  cases: readonly PwshCase[],
  options?: { processes?: number },
): Promise<PwshRun[]> {
  return cache.runs(cases, (missing) => runUncached(missing, options));
}

/**
 * Whether the pwsh tests can run (and, when they can, removes the stand-ins after the file's
 * tests). When they cannot, prints the reason, and under `REQUIRE_PWSH=1` (set by CI)
 * registers a failing test instead of a silent skip.
 */
export function pwshGate(): boolean {
  const pwsh = pwshAvailable();
  if (pwsh.ok) {
    afterAll(disposePwsh);
    return true;
  }
  const required = process.env.REQUIRE_PWSH === "1";
  console.warn(
    `pwsh oracle tests skipped: ${pwsh.reason}; install it with ` +
      `"dotnet tool install --global PowerShell --version ${pwshVersion}"` +
      `${required ? " (REQUIRE_PWSH=1)" : ""}`,
  );
  if (required) {
    it(`pwsh ${pwshVersion} is installed (REQUIRE_PWSH=1)`, () => {
      throw new Error(pwsh.reason);
    });
  }
  return false;
}

/** What the script printed to the host that `-WhatIf` makes: its "What if:" lines. */
export function whatIfLines(stdout: string): string[] {
  return stdout.split(/\r?\n/).filter((line) => line.startsWith("What if: "));
}
