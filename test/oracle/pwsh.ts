/**
 * The pwsh oracle harness for tests: runs .ps1 scripts under real PowerShell with the stand-in
 * tools (pwshRunner.js does the work, shared with the benchmark) and gates tests on pwsh being
 * installed.
 */
import { afterAll, it } from "vitest";
import { disposePwsh, pwshAvailable, pwshVersion, runUnderPwsh } from "./pwshRunner.js";
import type { PwshCase, PwshRun } from "./pwshRunner.js";

export { runUnderPwsh, pwshVersion };
export type { PwshCase, PwshRun };

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
