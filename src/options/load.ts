import { readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import { OptionsError, type OptionsDiagnostic } from "./diagnostics.js";
import { safeValueProblems } from "./values.js";
import { formatPath, positionOf, schemaDiagnostics } from "./validate.js";
import type { RdlOptions, TargetOptions } from "./types.js";
import { optionsSchema } from "./schema.js";

/** Options file names looked for, in order, when no --config is given. */
export const defaultConfigNames = [
  "rdlogoff.config.yml",
  "rdlogoff.config.yaml",
  "rdlogoff.config.json",
];

const targetDefaults = optionsSchema.properties.targets.items.properties;

/** Keys only style safe understands; the KB scripts cannot express them. */
const safeOnlyKeys = new Set([
  "includeCurrent",
  "excludeUsers",
  "onlyUsers",
  "excludeSessions",
  "excludeIds",
  "servers",
  "dryRun",
  "warn",
  "idleMinutes",
  "disconnectedMinutes",
  "log",
  "locale",
  "source",
  "connectionBroker",
  "collectionName",
]);

/**
 * Parses and validates the text of an options file. `file` is the absolute path (outDir is
 * resolved against its folder); `displayName` is how diagnostics name it.
 * Throws OptionsError with every problem found.
 */
export function parseOptions(text: string, file: string, displayName: string): RdlOptions {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new OptionsError(
      doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        const message = error.message.split("\n")[0] ?? error.message;
        return {
          file: displayName,
          line: pos.line,
          column: pos.col,
          path: "",
          message: `syntax error: ${message}`,
        };
      }),
    );
  }
  const root: unknown = doc.toJS();
  if (root === null || root === undefined) {
    throw new OptionsError([
      {
        file: displayName,
        line: 1,
        column: 1,
        path: "",
        message: "the options file is empty; it needs a targets list",
      },
    ]);
  }
  const diagnostics = schemaDiagnostics(doc, lineCounter, root, displayName);
  if (diagnostics.length > 0) throw new OptionsError(diagnostics);
  const raw = root as { outDir?: string; targets: Partial<TargetOptions>[] };
  const targets = raw.targets.map(withDefaults);
  const problems = crossFieldDiagnostics(targets, raw.targets, doc, lineCounter, displayName);
  if (problems.length > 0) throw new OptionsError(problems);
  return {
    file,
    outDir: path.resolve(path.dirname(file), raw.outDir ?? optionsSchema.properties.outDir.default),
    targets,
  };
}

function withDefaults(target: Partial<TargetOptions>): TargetOptions {
  return {
    name: target.name ?? "",
    description: target.description ?? targetDefaults.description.default,
    formats: target.formats ?? [...targetDefaults.formats.default],
    style: target.style ?? targetDefaults.style.default,
    skip: target.skip ?? targetDefaults.skip.default,
    excludeConsole: target.excludeConsole ?? targetDefaults.excludeConsole.default,
    states: target.states ?? [],
    includeCurrent: target.includeCurrent ?? false,
    excludeUsers: target.excludeUsers ?? [],
    onlyUsers: target.onlyUsers ?? [],
    excludeSessions: target.excludeSessions ?? [],
    excludeIds: target.excludeIds ?? [],
    servers: target.servers ?? [],
    dryRun: target.dryRun ?? false,
    ...(target.warn
      ? { warn: { message: target.warn.message, waitSeconds: target.warn.waitSeconds ?? 300 } }
      : {}),
    ...(target.idleMinutes !== undefined ? { idleMinutes: target.idleMinutes } : {}),
    ...(target.disconnectedMinutes !== undefined
      ? { disconnectedMinutes: target.disconnectedMinutes }
      : {}),
    ...(target.log !== undefined ? { log: target.log } : {}),
    locale: target.locale ?? [...targetDefaults.locale.default],
    source: target.source ?? targetDefaults.source.default,
    ...(target.connectionBroker !== undefined ? { connectionBroker: target.connectionBroker } : {}),
    ...(target.collectionName !== undefined ? { collectionName: target.collectionName } : {}),
  };
}

/** Rules the schema cannot say: unique names, and what the KB style can express. */
function crossFieldDiagnostics(
  targets: TargetOptions[],
  rawTargets: Partial<TargetOptions>[],
  doc: Document,
  lineCounter: LineCounter,
  file: string,
): OptionsDiagnostic[] {
  const out: OptionsDiagnostic[] = [];
  const at = (segments: (string | number)[], message: string, pathText: string): void => {
    out.push({ file, ...positionOf(doc, lineCounter, segments), path: pathText, message });
  };
  const firstLine = new Map<string, number>();
  targets.forEach((target, i) => {
    const first = firstLine.get(target.name);
    if (first !== undefined) {
      at(
        ["targets", i, "name"],
        `duplicate target name "${target.name}" (first used on line ${first})`,
        `targets[${i}].name`,
      );
    } else {
      firstLine.set(target.name, positionOf(doc, lineCounter, ["targets", i, "name"]).line);
    }
    const given = Object.keys(rawTargets[i] ?? {});
    if (target.style !== "kb") {
      for (const problem of safeValueProblems(target)) {
        at(
          ["targets", i, ...problem.path],
          problem.message,
          formatPath(["targets", i, ...problem.path]),
        );
      }
      if (target.skip < 1) {
        at(
          ["targets", i, "skip"],
          "style safe reads the listing's header to find its columns, so skip must be at least 1 (the header is line skip)",
          `targets[${i}].skip`,
        );
      }
      return;
    }
    const kbOnly = "; use style: safe";
    for (const key of given.filter((k) => safeOnlyKeys.has(k))) {
      at(
        ["targets", i, key],
        `the KB scripts have no ${key} option${kbOnly}`,
        `targets[${i}].${key}`,
      );
    }
    if (target.formats.includes("bat") && target.states.length > 0) {
      at(
        ["targets", i, "states"],
        `the KB batch script cannot filter by state${kbOnly}`,
        `targets[${i}].states`,
      );
    }
    if (target.formats.includes("ps1")) {
      const other = target.states.filter((s) => s !== "disconnected");
      if (other.length > 0) {
        at(
          ["targets", i, "states"],
          `the KB PowerShell script can only keep disconnected sessions, not ${other.map((s) => `"${s}"`).join(", ")}${kbOnly}`,
          `targets[${i}].states`,
        );
      }
      if (target.excludeConsole) {
        at(
          ["targets", i, "excludeConsole"],
          `the KB PowerShell script cannot exclude the console${kbOnly}, or formats: [bat] for the KB's skip=2 workaround`,
          `targets[${i}].excludeConsole`,
        );
      }
    }
  });
  return out;
}

/**
 * Reads and validates an options file. Without `configPath`, looks for the default names in
 * `cwd`. Diagnostics name the file relative to `cwd`.
 */
export async function loadOptions(cwd: string, configPath?: string): Promise<RdlOptions> {
  const candidates = configPath ? [configPath] : defaultConfigNames;
  for (const candidate of candidates) {
    const file = path.resolve(cwd, candidate);
    const displayName = path.relative(cwd, file) || candidate;
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!configPath && code === "ENOENT") continue;
      const reason = code === "ENOENT" ? "no such file" : (error as Error).message;
      throw new OptionsError([
        {
          file: displayName,
          line: 0,
          column: 0,
          path: "",
          message: `cannot read the options file: ${reason}`,
        },
      ]);
    }
    return parseOptions(text, file, displayName);
  }
  throw new OptionsError([
    {
      file: cwd,
      line: 0,
      column: 0,
      path: "",
      message: `no options file found (looked for ${defaultConfigNames.join(", ")}); pass --config FILE`,
    },
  ]);
}
