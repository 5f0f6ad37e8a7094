import { describe, expect, it } from "vitest";
import { formatOptionsDiagnostic, OptionsError } from "../../src/options/diagnostics.js";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadOptions, maxOptionsBytes, parseOptions } from "../../src/options/load.js";
import { brokenOptionsCases } from "./cases.js";

function diagnosticsOf(text: string, file = "bad.yml"): string[] {
  try {
    parseOptions(text, `/work/${file}`, file);
  } catch (error) {
    if (error instanceof OptionsError) return error.diagnostics.map(formatOptionsDiagnostic);
    throw error;
  }
  return [];
}

describe("broken options files", () => {
  it("has at least 25 cases with distinct names", () => {
    expect(brokenOptionsCases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(brokenOptionsCases.map((c) => c.name)).size).toBe(brokenOptionsCases.length);
  });
  it.each(brokenOptionsCases)("$name", ({ text, want }) => {
    expect(diagnosticsOf(text)).toEqual(want);
  });
});

describe("valid options files", () => {
  it("fills every default", () => {
    const options = parseOptions(
      "targets:\n  - name: logoff-all\n",
      "/work/o/rdlogoff.config.yml",
      "o.yml",
    );
    expect(options).toEqual({
      file: "/work/o/rdlogoff.config.yml",
      outDir: "/work/o/dist-scripts",
      targets: [
        {
          name: "logoff-all",
          description: "",
          formats: ["bat", "ps1"],
          style: "safe",
          skip: 1,
          excludeConsole: false,
          states: [],
          includeCurrent: false,
          excludeUsers: [],
          excludeUsersMatching: [],
          onlyUsers: [],
          excludeGroups: [],
          excludeSessions: [],
          excludeIds: [],
          servers: [],
          dryRun: false,
          locale: ["en", "de", "fr", "es", "it", "ru"],
          logFormat: "text",
          eventLog: false,
          source: "auto",
        },
      ],
    });
  });

  it.each([
    {
      name: "YAML with every key",
      file: "a.yml",
      text: "outDir: out\ntargets:\n  - name: kb-2\n    description: d\n    formats: [bat]\n    style: kb\n    skip: 1\n    excludeConsole: true\n    states: []\n",
    },
    {
      name: "JSON",
      file: "a.json",
      text: '{"$schema": "./schema/rdlogoff.schema.json", "outDir": "out", "targets": [{"name": "a", "style": "safe", "states": ["disconnected", "idle"]}]}',
    },
    {
      name: "KB PowerShell keeping disconnected sessions",
      file: "a.yaml",
      text: "targets:\n  - name: kb\n    style: kb\n    formats: [ps1]\n    states: [disconnected]\n",
    },
  ])("accepts $name", ({ text, file }) => {
    expect(diagnosticsOf(text, file)).toEqual([]);
  });

  it("resolves outDir against the options file's folder", () => {
    const options = parseOptions(
      "outDir: ../gpo\ntargets:\n  - name: a\n",
      "/srv/repo/cfg/x.yml",
      "x.yml",
    );
    expect(options.outDir).toBe("/srv/repo/gpo");
  });
});

describe("loading an options file", () => {
  it("refuses a file over 1 MB before reading it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "rdlogoff-options-"));
    await writeFile(path.join(dir, "huge.yml"), `# ${"x".repeat(maxOptionsBytes)}\ntargets: []\n`);
    const error = await loadOptions(dir, "huge.yml").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as OptionsError).diagnostics.map(formatOptionsDiagnostic)).toEqual([
      `huge.yml: the options file is ${maxOptionsBytes + 15} bytes; rdlogoff reads at most ${maxOptionsBytes} (1 MB)`,
    ]);
  });
});
