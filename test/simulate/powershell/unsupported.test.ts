import { describe, expect, test } from "vitest";
import {
  UnsupportedSyntaxError,
  simulatePowerShell,
} from "../../../src/simulate/powershell/index.js";
import { StepLimitError } from "../../../src/simulate/types.js";
import { standardWorld } from "./support.js";

/** Scripts outside the subset must fail the simulation with the construct and its position. */
const rows: { script: string; args?: string[]; want: string }[] = [
  { script: "Get-Foo -Bar 1", want: "line 1, column 1: unsupported command 'Get-Foo'" },
  { script: '$x = 1\n$y = @"\nhi\n"@', want: "line 2, column 6: unsupported here-string" },
  { script: "for ($i = 0; $i -lt 3; $i++) { }", want: "line 1, column 1: unsupported for loop" },
  { script: "do { } while ($false)", want: "line 1, column 1: unsupported do loop" },
  { script: "trap { continue }", want: "line 1, column 1: unsupported trap statement" },
  { script: "class Foo { }", want: "line 1, column 1: unsupported class definition" },
  { script: "$a = 1..3", want: "line 1, column 6: unsupported range operator .." },
  { script: "$x = 5 -band 3", want: "line 1, column 8: unsupported operator -band" },
  { script: "$x = 5 -as [int]", want: "line 1, column 8: unsupported operator -as" },
  {
    script: "Write-Output a && Write-Output b",
    want: "line 1, column 16: unsupported pipeline chain operator (&&, ||)",
  },
  { script: "$f = ${weird name}", want: "line 1, column 6: unsupported braced variable ${...}" },
  { script: ". .\\other.ps1", want: "line 1, column 1: unsupported dot-sourcing" },
  {
    script: "if (",
    want: 'line 1, column 1: unsupported syntax (the grammar cannot parse "if (")',
  },
  { script: "'abc'.Normalize()", want: "line 1, column 7: unsupported method Normalize()" },
  { script: "$x = 'a'\n$x.Foo", want: "line 2, column 4: unsupported member Foo" },
  { script: "$x = [xml]'<a/>'", want: "line 1, column 6: unsupported type [xml]" },
  {
    script: "$PSVersionTable.PSVersion",
    want: "line 1, column 1: unsupported automatic variable $PSVersionTable",
  },
  {
    script: "$env:COMPUTERNAME",
    want: "line 1, column 1: unsupported $env:COMPUTERNAME without computerName in the world",
  },
  {
    script: "(Get-Process -Id $PID).SessionId",
    want: "line 1, column 2: unsupported Get-Process without currentSessionId in the world",
  },
  {
    script: "Get-Date -UFormat %Y",
    want: "line 1, column 1: unsupported parameter -UFormat of Get-Date",
  },
  {
    script: "Get-Date",
    want: "line 1, column 1: unsupported console formatting of a System.DateTime",
  },
  {
    script: "query session 2>err.txt",
    want: "line 1, column 15: unsupported redirection 2>err.txt",
  },
  {
    script: "Invoke-RDUserLogoff -HostServer rdsh01.contoso.com -UnifiedSessionID 3",
    want: "line 1, column 1: unsupported Invoke-RDUserLogoff without -Force (it would prompt for confirmation)",
  },
  {
    script: "$x = 'a\u2019b'",
    want: "line 1, column 6: unsupported single-quoted string the grammar and PowerShell split differently",
  },
  {
    script: "[CmdletBinding(SupportsShouldProcess)]\nparam()\n'x'",
    args: ["-Confirm"],
    want: "line 1, column 1: unsupported -Confirm (the simulator cannot answer its prompts)",
  },
];

describe("unsupported constructs", () => {
  test.each(rows.map((row) => [row.script, row] as const))("%j", async (_script, row) => {
    const run = simulatePowerShell(row.script, standardWorld(), row.args ? { args: row.args } : {});
    await expect(run, row.script).rejects.toBeInstanceOf(UnsupportedSyntaxError);
    await expect(run, row.script).rejects.toMatchObject({ message: row.want });
  });

  test("an unsupported construct in a branch never taken still fails", async () => {
    const script = "if ($false) {\n  $x = @'\nnever\n'@\n}";
    await expect(simulatePowerShell(script, standardWorld())).rejects.toThrow(
      "line 2, column 8: unsupported here-string",
    );
  });

  test("an endless loop stops at maxSteps", async () => {
    const run = simulatePowerShell("while ($true) { }", standardWorld(), { maxSteps: 50 });
    await expect(run).rejects.toThrow(StepLimitError);
    await expect(run).rejects.toThrow("the script ran more than 50 steps");
  });

  test("recursion past the engine's stack is a run past its bounds, not a crash", async () => {
    const run = simulatePowerShell("function f { f }\nf", standardWorld());
    await expect(run).rejects.toThrow(StepLimitError);
    await expect(run).rejects.toThrow(
      "The run went past what the simulator can follow (maximum call stack size exceeded)",
    );
  });
});
