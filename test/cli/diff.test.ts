/** `rdlogoff diff`: who a change now logs off, on rdlogoff's recorded listings. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { builtCli, runMain } from "../support/cli.js";
import { describe, expect, it } from "vitest";

const run = runMain;

const options = (body: string) => `targets:\n  - name: t\n    formats: [bat, ps1]\n${body}`;

describe("rdlogoff diff", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "rdlogoff-diff-"));
  writeFileSync(path.join(dir, "old.yml"), options(""));
  writeFileSync(path.join(dir, "new.yml"), options("    excludeUsers: [entheos]\n"));
  writeFileSync(path.join(dir, "same.yml"), options(""));

  it("reports each session a change no longer logs off, per listing, and exits 1", async () => {
    const { code, stdout } = await run(dir, ["diff", "old.yml", "new.yml"]);
    expect(code).toBe(1);
    // entheos is session 1 of a recorded Windows 11 listing, in both scripts.
    expect(stdout.startsWith("t.bat:\n")).toBe(true);
    expect(stdout).toContain(
      "  on qwinsta-en-2026-wide-services-current-listener:\n    this server session 1: no longer logged off\n",
    );
    expect(stdout).toContain("t.ps1:\n");
  });

  it("exits 0 when the behaviour is the same everywhere", async () => {
    expect(await run(dir, ["diff", "old.yml", "same.yml"])).toEqual({
      code: 0,
      stdout: "no change in behaviour on any listing\n",
      stderr: "",
    });
  });

  it("prints a summary and a table per listing for a pull request, and JSON", async () => {
    const markdown = await run(dir, ["diff", "old.yml", "new.yml", "--format", "markdown"]);
    expect(markdown.stdout.split("\n")[0]).toMatch(
      /^\*\*rdlogoff diff:\*\* 2 script\(s\) behave differently on \d+ recorded listing\(s\)/,
    );
    expect(markdown.stdout).toContain("| this server session 1 | no longer logged off |");
    const json = JSON.parse(
      (await run(dir, ["diff", "old.yml", "new.yml", "--format", "json"])).stdout,
    );
    expect(json.changes.map((c: { script: string }) => c.script)).toEqual(["t.bat", "t.ps1"]);
  });

  it("compares outDir with a git revision", async () => {
    const repo = mkdtempSync(path.join(tmpdir(), "rdlogoff-diff-git-"));
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
        cwd: repo,
      });
    git("init", "-q");
    writeFileSync(path.join(repo, "rdlogoff.config.yml"), options(""));
    expect((await run(repo, ["build", "-q"])).code).toBe(0);
    git("add", ".");
    git("commit", "-q", "-m", "first");
    writeFileSync(path.join(repo, "rdlogoff.config.yml"), options("    excludeUsers: [entheos]\n"));
    expect((await run(repo, ["build", "-q"])).code).toBe(0);
    const diff = await run(repo, ["diff", "--git", "HEAD"]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain("    this server session 1: no longer logged off\n");
    // As git's textconv, git diff of a script shows who it logs off.
    writeFileSync(path.join(repo, ".gitattributes"), "dist-scripts/*.bat diff=rdlogoff\n");
    const bin = builtCli();
    const textconv = execFileSync(
      "git",
      [
        "-c",
        `diff.rdlogoff.textconv=${process.execPath} ${bin} diff --textconv`,
        "diff",
        "HEAD",
        "--",
        "dist-scripts/t.bat",
      ],
      { cwd: repo, encoding: "utf8" },
    );
    expect(textconv).toContain("-  this server session 1: logged off\n");
    expect(textconv).not.toContain("@rem");
  });

  it("refuses two scripts of different kinds, and no input, with exit 2", async () => {
    writeFileSync(path.join(dir, "a.bat"), "@echo off\r\n");
    writeFileSync(path.join(dir, "b.ps1"), "exit 0\r\n");
    expect((await run(dir, ["diff", "a.bat", "b.ps1"])).code).toBe(2);
    expect((await run(dir, ["diff"])).code).toBe(2);
  });
});
