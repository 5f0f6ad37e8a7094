/** `rdlogoff init` writes a starter that builds cleanly, and never overwrites one. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runMain } from "../support/cli.js";
import { describe, expect, it } from "vitest";
import { initPresets } from "../../src/cli/commands/init.js";

const run = runMain;

describe("rdlogoff init", () => {
  it.each(initPresets)("--preset %s builds on the first try", async (preset) => {
    const dir = mkdtempSync(path.join(tmpdir(), "rdlogoff-init-"));
    const init = await run(dir, ["init", "--preset", preset]);
    expect(init).toEqual({
      code: 0,
      stdout: `wrote rdlogoff.config.yml, .gitattributes (preset ${preset}); next: npx rdlogoff build\n`,
      stderr: "",
    });
    const options = readFileSync(path.join(dir, "rdlogoff.config.yml"), "utf8");
    expect(options).toMatch(
      /^# yaml-language-server: \$schema=\S+\/schema\/rdlogoff\.schema\.json\n/,
    );
    expect(readFileSync(path.join(dir, ".gitattributes"), "utf8")).toContain(
      "dist-scripts/** -text",
    );
    const build = await run(dir, ["build"]);
    expect(build.code).toBe(0);
    // No warnings; the KB preset's findings, its point, are one counted line.
    expect(build.stderr).toBe(
      preset === "kb"
        ? "kb-logoff-all, kb-logoff-all-but-console, kb-logoff-disconnected: 13 findings by design (style kb reproduces the KB's bugs); --verbose lists them\n"
        : "",
    );
    expect((await run(dir, ["check"])).code).toBe(0);
  });

  it.each([
    ["github", ".github/workflows/rdlogoff.yml"],
    ["azure", "azure-pipelines.yml"],
    ["gitlab", ".gitlab-ci.yml"],
  ])("--ci %s also writes %s, the recipe of examples/ci", async (ci, file) => {
    const dir = mkdtempSync(path.join(tmpdir(), "rdlogoff-init-"));
    const init = await run(dir, ["init", "--ci", ci]);
    expect(init.stdout).toContain(`wrote rdlogoff.config.yml, .gitattributes, ${file} `);
    expect(readFileSync(path.join(dir, file), "utf8")).toContain("npx rdlogoff diff --git");
  });

  it("never overwrites an options file, and leaves a .gitattributes alone", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rdlogoff-init-"));
    writeFileSync(path.join(dir, "rdlogoff.config.json"), "{}");
    const refused = await run(dir, ["init"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("rdlogoff.config.json exists; init never overwrites");
    expect(readFileSync(path.join(dir, "rdlogoff.config.json"), "utf8")).toBe("{}");

    const other = mkdtempSync(path.join(tmpdir(), "rdlogoff-init-"));
    writeFileSync(path.join(other, ".gitattributes"), "*.png binary\n");
    const init = await run(other, ["init"]);
    expect(init.code).toBe(0);
    expect(init.stderr).toContain('add "dist-scripts/** -text" to .gitattributes');
    expect(readFileSync(path.join(other, ".gitattributes"), "utf8")).toBe("*.png binary\n");
  });
});
