import { scriptTargets } from "../../src/targets/index.js";
import { describe, expect, it } from "vitest";
import type { Artifact } from "../../src/emit/artifact.js";
import {
  formatValidationProblem,
  validateArtifacts,
  type ValidationProblem,
} from "../../src/validate/index.js";

const artifact = (format: "bat" | "ps1", text: string): Artifact => ({
  target: "t",
  format,
  fileName: `t.${format}`,
  bytes: Buffer.from(text, "latin1"),
});

describe("the parse check", () => {
  it.each([
    {
      name: "a valid batch file",
      a: artifact("bat", '@echo off\r\nfor /f "skip=1" %%i in (x) do echo %%i\r\n'),
    },
    {
      name: "a valid PowerShell file",
      a: artifact("ps1", "$x = @(1, 2)\r\nforeach ($i in $x) { Write-Output $i }\r\n"),
    },
  ])("passes $name", async ({ a }) => {
    expect(await validateArtifacts([a], [], scriptTargets)).toEqual([]);
  });

  it("names the target, line and source line of a PowerShell parse error", async () => {
    const problems = await validateArtifacts(
      [artifact("ps1", "# ok\r\nif ($x -eq 1 {\r\n  exit 1\r\n")],
      [],
      scriptTargets,
    );
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ target: "t", fileName: "t.ps1", check: "parse", line: 2 });
    expect(formatValidationProblem(problems[0] as ValidationProblem)).toMatch(
      /^t\.ps1:2:\d+: error: target t: parse: the tree-sitter-powershell grammar found (ERROR|MISSING .+)\n {4}if \(\$x -eq 1 \{$/,
    );
  });

  it("finds an unclosed block in a batch file", async () => {
    const problems = await validateArtifacts(
      [artifact("bat", "@echo off\r\nif 1==1 (\r\n  echo a\r\n")],
      [],
      scriptTargets,
    );
    expect(problems.map((p) => p.check)).toContain("parse");
  });
});
