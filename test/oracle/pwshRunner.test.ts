/**
 * The pwsh driver runs many cases in one process (standins/driver.ps1): what one case changes
 * of the process must not reach the next.
 */
import { describe, expect, it } from "vitest";
import { pwshGate, runUnderPwsh } from "./pwsh.js";

const printEnvironment = 'Write-Output "HOME=$env:HOME PROBE=$env:RDL_PROBE"\r\n';

describe.skipIf(!pwshGate())("the pwsh driver", () => {
  it("puts a case's environment variables back as they were, inherited or unset", async () => {
    const home = process.env.HOME ?? "";
    const [changed, next] = await runUnderPwsh([
      {
        script: printEnvironment,
        world: { servers: {} },
        env: { HOME: "/elsewhere", RDL_PROBE: "set" },
      },
      { script: printEnvironment, world: { servers: {} } },
    ]);
    expect(changed?.stdout).toBe("HOME=/elsewhere PROBE=set\r\n");
    expect(next?.stdout).toBe(`HOME=${home} PROBE=\r\n`);
  });

  it("keeps what a case writes to [Console]::Error apart from its output", async () => {
    const [run] = await runUnderPwsh([
      {
        script: "[Console]::Error.WriteLine('on stderr')\r\nWrite-Output 'on stdout'\r\n",
        world: { servers: {} },
      },
    ]);
    expect(run?.consoleError).toBe("on stderr\n");
    expect(run?.stdout).toBe("on stdout\r\n");
  });
});
