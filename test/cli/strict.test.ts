/**
 * A mistyped command line does no harm: every command with a typo'd flag, a missing argument
 * or an unknown command exits 2 with a message (and a did-you-mean where one fits) before
 * anything is read or written.
 */
import { copyFileSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/paths.js";
import { runCli, runMain } from "../support/cli.js";

const listing = path.join(
  packageRoot,
  "fixtures/query-session/qwinsta-en-win10-printspoofer-rdp-listener.txt",
);

/** A project folder with the default options and what is in it, with modification times. */
function project(): { dir: string; snapshot: () => string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), "rdlogoff-strict-"));
  copyFileSync(
    path.join(packageRoot, "rdlogoff.config.yml"),
    path.join(dir, "rdlogoff.config.yml"),
  );
  copyFileSync(path.join(packageRoot, "dist-scripts/logoff-all.bat"), path.join(dir, "a.bat"));
  return {
    dir,
    snapshot: () =>
      readdirSync(dir, { recursive: true })
        .map(String)
        .sort()
        .map((name) => `${name} ${statSync(path.join(dir, name)).mtimeMs}`),
  };
}

const run = runMain;

describe("a mistyped command line", () => {
  it.each([
    {
      argv: ["build", "--confg", "other.yml"],
      says: "Unknown argument: confg\n--confg: did you mean --config?",
    },
    { argv: ["build", "--forse"], says: "--forse: did you mean --force?" },
    { argv: ["check", "--bogus"], says: "Unknown argument: bogus" },
    { argv: ["check", "--jsn"], says: "--jsn: did you mean --json?" },
    { argv: ["explain", "--confi", "x.yml"], says: "--confi: did you mean --config?" },
    { argv: ["lint", "a.bat", "--jason"], says: "--jason: did you mean --json?" },
    { argv: ["lint"], says: "Not enough non-option arguments" },
    { argv: ["simulate", "a.bat"], says: "Name what query session prints: --fixture LISTING.txt" },
    {
      argv: ["simulate", "a.bat", "--fixture", listing, "--what-if"],
      says: "Unknown arguments: what-if",
    },
    {
      argv: ["simulate", "a.bat", "--fixture", listing, "--code-page", "1252"],
      says: "Invalid values",
    },
    {
      argv: ["build", "--config", "a.yml", "--config", "b.yml"],
      says: "--config is given more than once",
    },
    { argv: ["build", "--force=nope"], says: "--force=nope: a switch is true or false" },
    { argv: ["biuld"], says: "Did you mean build?" },
    { argv: [], says: "Name a command" },
  ])("rdlogoff $argv exits 2 and changes nothing", async ({ argv, says }) => {
    const { dir, snapshot } = project();
    const before = snapshot();
    const { code, stdout, stderr } = await run(dir, argv);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toContain(says);
    expect(stderr).toContain("Run 'rdlogoff --help' for usage.");
    expect(snapshot()).toEqual(before);
  });
});

describe("help", () => {
  it("wraps at word boundaries: no description word is cut in two", () => {
    const help = runCli(["simulate", "--help"], packageRoot);
    expect(help.code).toBe(0);
    const flowing = help.stdout.replace(/\s+/g, " ");
    for (const phrase of [
      "not needed when every server the script lists is given with --server",
      "(and `query user /server:NAME`) print (repeatable)",
      "without it the RemoteDesktop module is absent",
    ]) {
      expect(flowing).toContain(phrase);
    }
  });
});

describe("--json", () => {
  it("prints results and errors of every command as JSON on stdout", async () => {
    const { dir } = project();
    const built = await run(dir, ["build", "--json"]);
    expect(built.code).toBe(0);
    const report = JSON.parse(built.stdout) as { outDir: string; written: string[] };
    expect(report.outDir).toBe("dist-scripts");
    expect(report.written).toContain("logoff-all.bat");

    const broken = await run(dir, ["build", "--json", "--config", "a.bat"]);
    expect(broken.code).toBe(2);
    expect(JSON.parse(broken.stdout)).toMatchObject({ error: { kind: "OptionsError" } });

    const usage = await run(dir, ["check", "--json", "--bogus"]);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toEqual({
      error: { kind: "UsageError", message: "Unknown argument: bogus" },
    });

    const lint = await run(dir, ["lint", "--json", "missing.bat"]);
    expect(JSON.parse(lint.stdout)).toMatchObject({ error: { kind: "LintInputError" } });

    const simulate = await run(dir, ["simulate", "--json", "a.bat", "--fixture", "nope.txt"]);
    expect(simulate.code).toBe(2);
    expect(JSON.parse(simulate.stdout)).toMatchObject({ error: { kind: "SimulateInputError" } });
  });
});
