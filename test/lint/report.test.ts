/**
 * lint's report formats: sorted findings, a totals line, doc paths that resolve from the
 * user's folder, SARIF validated by Microsoft's SARIF Multitool and Checkstyle by an XML
 * parser.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { packageRoot } from "../../src/paths.js";

const dir = mkdtempSync(path.join(tmpdir(), "rdlogoff-report-"));
// Two findings on line 2 out of order, one on line 1, in two files.
writeFileSync(
  path.join(dir, "kb.bat"),
  'query session >session.txt\r\nfor /f "skip=1 tokens=3," %%i in (session.txt) DO logoff %%i\r\n',
);
writeFileSync(path.join(dir, "lf.bat"), "@echo off\nquery session >s.txt\n");

async function lint(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const code = await main(["lint", "kb.bat", "lf.bat", ...args], {
    cwd: dir,
    stdout: (text) => void (stdout += text),
    stderr: () => undefined,
  });
  return { code, stdout };
}

describe("lint --format", () => {
  it("gcc: findings sorted by file, line and column, doc paths from the user's folder, totals", async () => {
    const { code, stdout } = await lint([]);
    expect(code).toBe(1);
    const lines = stdout.split("\n");
    const positions = lines
      .filter((l) => /^\w+\.bat:\d+:\d+:/.test(l))
      .map((l) => l.split(":").slice(0, 3).join(":"));
    expect(positions).toEqual([
      "kb.bat:1:15",
      "kb.bat:2:16",
      "kb.bat:2:48",
      "lf.bat:1:10",
      "lf.bat:2:15",
      "lf.bat:2:21",
    ]);
    const docs = lines
      .filter((l) => l.startsWith("  ") && l.includes(" -- "))
      .map((l) => l.trim().split(" ")[0] ?? "");
    for (const doc of docs) expect(existsSync(path.resolve(dir, doc))).toBe(true);
    expect(lines.at(-2)).toBe("6 finding(s): 2 error(s), 4 warning(s) in 2 file(s)");
  });

  it("--quiet shows errors only", async () => {
    const { stdout } = await lint(["--quiet", "--format", "json"]);
    const findings = JSON.parse(stdout) as { severity: string }[];
    expect(findings.map((f) => f.severity)).toEqual(["error", "error"]);
  });

  it("sarif: valid SARIF 2.1.0 by Microsoft's SARIF Multitool", async () => {
    const { stdout } = await lint(["--format", "sarif"]);
    const file = path.join(dir, "lint.sarif");
    writeFileSync(file, stdout);
    const multitool = path.join(packageRoot, "node_modules", ".bin", "sarif-multitool");
    const run = spawnSync(multitool, ["validate", file], { encoding: "utf8" });
    expect(run.stdout + run.stderr).toContain("Analysis completed successfully.");
    expect(run.stdout).not.toMatch(/: (error|warning) SARIF\d+/);
    const log = JSON.parse(stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toEqual([
      "RDL102",
      "RDL103",
      "RDL105",
      "RDL101",
      "RDL102",
      "RDL101",
    ]);
  });

  it("checkstyle: well-formed XML with one error element per finding", async () => {
    const { stdout } = await lint(["--format", "checkstyle"]);
    const file = path.join(dir, "lint.xml");
    writeFileSync(file, stdout);
    const xmllint = spawnSync("xmllint", ["--noout", file], { encoding: "utf8" });
    if (xmllint.error === undefined) expect(xmllint.status, xmllint.stderr).toBe(0);
    expect(stdout.match(/<error /g)?.length).toBe(6);
    expect(stdout).toContain('message="tokens= ends with &quot;,&quot;; write tokens=3"');
  });

  it("stylish: grouped by file, with the totals", async () => {
    const { stdout } = await lint(["--format", "stylish"]);
    expect(stdout.startsWith("kb.bat\n  1:15    warning  ")).toBe(true);
    expect(stdout).toContain("\nlf.bat\n  1:10    error    ");
    expect(stdout).toContain("6 finding(s): 2 error(s), 4 warning(s) in 2 file(s)");
  });
});
