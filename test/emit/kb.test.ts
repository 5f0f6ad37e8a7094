import { scriptTargets } from "../../src/targets/index.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderArtifacts } from "../../src/emit/index.js";
import { planOptions } from "../../src/plan/plan.js";
import { fixturesDir } from "../../src/paths.js";
import { optionsFromYaml } from "../support/options.js";

/** The fenced code blocks of a Markdown file, or the indented script lines of the NT4 text. */
function codeBlocks(markdown: string): string[][] {
  const blocks: string[][] = [];
  const fence = /```[a-z]*\n([\s\S]*?)```/g;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) {
    // Trailing spaces are Markdown line breaks, not part of the script (fixtures/kb/README.md).
    blocks.push(
      (m[1] ?? "")
        .split("\n")
        .map((line) => line.trimEnd())
        .filter((l) => l !== ""),
    );
  }
  return blocks;
}

const current = readFileSync(path.join(fixturesDir, "kb/kb259436-windows-server.md"), "utf8");
const nt4 = readFileSync(path.join(fixturesDir, "kb/q259436-nt4-tse.md"), "utf8");
const blocks = codeBlocks(current);
const kb = {
  powershellAll: blocks[0],
  powershellDisconnected: blocks[1],
  batch: blocks[2],
  batchSkip2: blocks[4],
};

/** The lines after rdlogoff's header (which ends at the "Do not edit" line), blank lines dropped. */
function bodyLines(bytes: Buffer): string[] {
  const lines = bytes.toString("latin1").split("\r\n");
  const end = lines.findIndex((l) => l.endsWith("Do not edit; run rdlogoff build."));
  return lines.slice(end + 1).filter((l) => l !== "");
}

function render(target: string): Map<string, Buffer> {
  const plans = planOptions(optionsFromYaml(`targets:\n  - name: t\n    style: kb\n${target}`));
  return new Map(renderArtifacts(plans, scriptTargets).map((a) => [a.format, a.bytes]));
}

describe("style kb reproduces KB Q259436", () => {
  it("finds the KB's four scripts in the article", () => {
    expect(kb.batch).toEqual([
      "query session >session.txt",
      'for /f "skip=1 tokens=3," %%i in (session.txt) DO logoff %%i',
      "del session.txt",
    ]);
    expect(kb.batchSkip2?.[1]).toContain('"skip=2 tokens=3,"');
    expect(kb.powershellAll?.[0]).toBe("$sessions = Get-RDUserSession");
    expect(kb.powershellDisconnected?.[0]).toContain("STATE_DISCONNECTED");
  });

  it("the NT4 article has the same batch lines", () => {
    for (const line of [...(kb.batch ?? []), ...(kb.batchSkip2 ?? [])])
      expect(nt4).toContain(`\t${line}\n`);
  });

  it.each([
    { name: "batch, skip=1", options: "    formats: [bat]\n", format: "bat", want: kb.batch },
    {
      name: "batch, the skip=2 console workaround",
      options: "    formats: [bat]\n    excludeConsole: true\n",
      format: "bat",
      want: kb.batchSkip2,
    },
    {
      name: "PowerShell, every session",
      options: "    formats: [ps1]\n",
      format: "ps1",
      want: kb.powershellAll,
    },
    {
      name: "PowerShell, disconnected sessions",
      options: "    formats: [ps1]\n    states: [disconnected]\n",
      format: "ps1",
      want: kb.powershellDisconnected,
    },
  ])("$name: body lines equal the KB's, character for character", ({ options, format, want }) => {
    const bytes = render(options).get(format);
    expect(bytes).toBeDefined();
    expect(bodyLines(bytes as Buffer)).toEqual(want);
  });
});
