import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/paths.js";
import { lintScript } from "../../src/targets/index.js";
import { lintCodes, type LintCode } from "../../src/validate/lint/index.js";

const docsDir = path.join(packageRoot, "docs/checks");
const codes = Object.keys(lintCodes) as LintCode[];

function section(page: string, heading: string): { lang: string; code: string } {
  const match = new RegExp(`## ${heading}\\n\\n\`\`\`(\\w+)\\n([\\s\\S]*?)\`\`\``).exec(page);
  if (!match) throw new Error(`no "${heading}" code block`);
  return { lang: match[1] ?? "", code: match[2] ?? "" };
}

/** Scripts are CRLF; only RDL101's problematic example shows LF line ends. */
const asScript = (code: LintCode, heading: string, text: string): string =>
  code === "RDL101" && heading === "Problematic code" ? text : text.replace(/\n/g, "\r\n");

describe("lint docs (one page per code, ShellCheck style)", () => {
  it("has a page for every code and a code for every page", () => {
    const pages = readdirSync(docsDir)
      .filter((f) => f.endsWith(".md"))
      .map((f) => f.slice(0, -3));
    expect(pages.sort()).toEqual([...codes].sort());
  });

  it.each(codes)(
    "%s: the page's title is the registry's, its examples are executable",
    async (code) => {
      const page = readFileSync(path.join(docsDir, `${code}.md`), "utf8");
      expect(page.split("\n")[0]).toBe(`# ${code}: ${lintCodes[code].title}`);
      for (const heading of ["Rationale", "Exceptions"])
        expect(page).toContain(`## ${heading}\n\n`);
      const format = code.startsWith("RDL1") ? "bat" : "ps1";
      const values = ["Save your work"];
      const bad = section(page, "Problematic code");
      const good = section(page, "Correct code");
      expect(bad.lang).toBe(format === "bat" ? "bat" : "powershell");
      const badFindings = await lintScript(
        format,
        asScript(code, "Problematic code", bad.code),
        values,
      );
      const goodFindings = await lintScript(
        format,
        asScript(code, "Correct code", good.code),
        values,
      );
      expect(badFindings.map((f) => f.code)).toContain(code);
      expect(goodFindings.map((f) => f.code)).not.toContain(code);
    },
  );
});
