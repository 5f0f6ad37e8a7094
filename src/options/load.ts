import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import { OptionsError, type OptionsDiagnostic } from "./diagnostics.js";
import { headerValueProblems, safeValueProblems, targetNameProblems } from "./values.js";
import { formatPath, positionOf, schemaFindings, type PathSegment } from "./validate.js";
import type { RdlOptions, TargetOptions } from "./types.js";
import { optionsSchema } from "./schema.js";

/** An options file larger than this is refused before it is read: none needs to be. */
export const maxOptionsBytes = 1024 * 1024;

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
  "excludeUsersMatching",
  "onlyUsers",
  "excludeGroups",
  "excludeSessions",
  "excludeIds",
  "servers",
  "dryRun",
  "warn",
  "idleMinutes",
  "disconnectedMinutes",
  "log",
  "logFormat",
  "eventLog",
  "locale",
  "source",
  "connectionBroker",
  "collectionName",
  "schedule",
  "deployPath",
  "taskFormat",
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
  let root: unknown;
  try {
    // yaml refuses aliases that expand past its limit (a "billion laughs" file).
    root = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new OptionsError([
      {
        file: displayName,
        line: 1,
        column: 1,
        path: "",
        message: `cannot read the options: ${(error as Error).message}`,
      },
    ]);
  }
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
  // Every problem in one pass: the schema's, then the cross-field rules on every target
  // whose own schema errors leave them meaningful, merged in file order.
  const findings = schemaFindings(doc, lineCounter, root, displayName);
  const problems = crossFieldDiagnostics(
    root,
    findings.map((f) => f.field),
    doc,
    lineCounter,
    displayName,
  );
  const diagnostics = inFileOrder([...findings.map((f) => f.diagnostic), ...problems]);
  if (diagnostics.length > 0) throw new OptionsError(diagnostics);
  const raw = root as { outDir?: string; targets: Partial<TargetOptions>[] };
  return {
    file,
    outDir: path.resolve(path.dirname(file), raw.outDir ?? optionsSchema.properties.outDir.default),
    targets: raw.targets.map(withDefaults),
  };
}

/** Sorted by position (stable: the schema's first at a tie); an identical repeat once. */
function inFileOrder(diagnostics: OptionsDiagnostic[]): OptionsDiagnostic[] {
  const seen = new Set<string>();
  return diagnostics
    .filter((d) => {
      const key = JSON.stringify([d.line, d.column, d.path, d.message]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * A target with every default the schema names filled in, nested ones too (`warn.waitSeconds`);
 * each default copied, so no two targets share a list.
 */
function withDefaults(target: Partial<TargetOptions>): TargetOptions {
  return { name: "", ...filledFromSchema(targetDefaults, target) } as TargetOptions;
}

/** What filling defaults reads of a schema property (its other keywords are ignored). */
interface SchemaProperty {
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, SchemaProperty>>;
  readonly [keyword: string]: unknown;
}

function filledFromSchema(
  properties: Readonly<Record<string, SchemaProperty>>,
  value: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const filled: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    const given = value[key];
    if (given === undefined) {
      if (property.default !== undefined) filled[key] = structuredClone(property.default);
    } else if (property.properties && isMapping(given)) {
      filled[key] = filledFromSchema(property.properties, given);
    } else {
      filled[key] = given;
    }
  }
  return filled;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const targetKeys = new Set(Object.keys(targetDefaults));

/**
 * What of one target failed the schema, by key: `"all"` when the value itself failed (or a
 * key inside it, or it is missing though required), else the indexes of the list items that
 * failed.
 */
type TargetFailures = Map<string, "all" | Set<number>>;

/** The failures of each target, by index; `null` when the target itself is not a mapping. */
function failuresByTarget(
  failedFields: readonly PathSegment[][],
): Map<number, TargetFailures | null> {
  const out = new Map<number, TargetFailures | null>();
  for (const field of failedFields) {
    const [top, index, key, item] = field;
    if (top !== "targets" || typeof index !== "number") continue;
    if (key === undefined) {
      out.set(index, null);
      continue;
    }
    let failures = out.get(index);
    if (failures === null) continue;
    if (failures === undefined) out.set(index, (failures = new Map()));
    const name = String(key);
    const known = failures.get(name);
    if (typeof item !== "number" || field.length > 4 || known === "all") {
      failures.set(name, "all");
    } else {
      failures.set(name, (known ?? new Set<number>()).add(item));
    }
  }
  return out;
}

/**
 * What the cross-field rules may read of a target: the values that passed the schema (a list
 * without its failed items), defaults for the rest; and, per list that lost items, the
 * original index of each item kept.
 */
function usableTarget(
  raw: Record<string, unknown>,
  failures: TargetFailures,
): { target: TargetOptions; kept: Map<string, number[]> } {
  const usable: Record<string, unknown> = {};
  const kept = new Map<string, number[]>();
  for (const [key, value] of Object.entries(raw)) {
    const failed = failures.get(key);
    if (!targetKeys.has(key) || failed === "all") continue;
    if (failed !== undefined) {
      if (!Array.isArray(value)) continue;
      const indexes = value.map((_, j) => j).filter((j) => !failed.has(j));
      kept.set(key, indexes);
      usable[key] = indexes.map((j): unknown => value[j]);
    } else {
      usable[key] = value;
    }
  }
  return { target: withDefaults(usable as Partial<TargetOptions>), kept };
}

interface Finding {
  segments: PathSegment[];
  message: string;
}

/**
 * The rules the schema cannot say about one target. They run on the values that passed the
 * schema; a finding about a value that failed it (a list that lost items included) is dropped,
 * one about a list item is moved back to the item's own index. The two values that decide
 * which rules apply are handled here: no rule runs when `style` failed, and when `formats`
 * failed a finding is kept only if a target of any one format would get it too.
 */
function targetFindings(raw: Record<string, unknown>, failures: TargetFailures): Finding[] {
  if (failures.has("style")) return [];
  const { target, kept } = usableTarget(raw, failures);
  const given = Object.keys(raw);
  let findings = styleFindings(target, given);
  if (failures.has("formats")) {
    const key = (f: Finding): string => JSON.stringify([f.segments, f.message]);
    const formats: TargetOptions["formats"] = [...targetDefaults.formats.items.enum];
    const everywhere = formats.map(
      (format) => new Set(styleFindings({ ...target, formats: [format] }, given).map(key)),
    );
    findings = findings.filter((f) => everywhere.every((keys) => keys.has(key(f))));
  }
  const out: Finding[] = [];
  for (const finding of findings) {
    const [key, item, ...rest] = finding.segments;
    const failed = failures.get(String(key));
    if (failed === undefined) {
      out.push(finding);
    } else if (failed !== "all" && typeof item === "number") {
      const original = kept.get(String(key))?.[item];
      if (original !== undefined)
        out.push({ ...finding, segments: [String(key), original, ...rest] });
    }
  }
  return out;
}

/** What the KB style can express, and the values style safe can put in a script. */
function styleFindings(target: TargetOptions, given: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const problem of [...targetNameProblems(target), ...headerValueProblems(target)]) {
    out.push({ segments: problem.path, message: problem.message });
  }
  if (target.style !== "kb") {
    for (const problem of safeValueProblems(target)) {
      out.push({ segments: problem.path, message: problem.message });
    }
    if (given.includes("logFormat") && target.log === undefined) {
      out.push({
        segments: ["logFormat"],
        message: "logFormat says how the log is written, but there is no log: set log to a file",
      });
    }
    if (target.skip < 1) {
      out.push({
        segments: ["skip"],
        message:
          "style safe reads the listing's header to find its columns, so skip must be at least 1 (the header is line skip)",
      });
    }
    return out;
  }
  const kbOnly = "; use style: safe";
  for (const key of given.filter((k) => safeOnlyKeys.has(k))) {
    out.push({ segments: [key], message: `the KB scripts have no ${key} option${kbOnly}` });
  }
  if (target.formats.includes("bat") && target.states.length > 0) {
    out.push({
      segments: ["states"],
      message: `the KB batch script cannot filter by state${kbOnly}`,
    });
  }
  if (target.formats.includes("ps1")) {
    const other = target.states.filter((s) => s !== "disconnected");
    if (other.length > 0) {
      out.push({
        segments: ["states"],
        message: `the KB PowerShell script can only keep disconnected sessions, not ${other.map((s) => `"${s}"`).join(", ")}${kbOnly}`,
      });
    }
    if (target.excludeConsole) {
      out.push({
        segments: ["excludeConsole"],
        message: `the KB PowerShell script cannot exclude the console${kbOnly}, or formats: [bat] for the KB's skip=2 workaround`,
      });
    }
  }
  return out;
}

/**
 * Rules the schema cannot say: unique names, what the KB style can express, and the values
 * style safe can put in a script. They run on every target, also when other targets or some
 * of its own values failed the schema (`failedFields`); only what reads a failed value is
 * left out (see targetFindings), so one run reports every problem of the file.
 */
function crossFieldDiagnostics(
  root: unknown,
  failedFields: readonly PathSegment[][],
  doc: Document,
  lineCounter: LineCounter,
  file: string,
): OptionsDiagnostic[] {
  if (!isMapping(root) || !Array.isArray(root.targets)) return [];
  const rawTargets: unknown[] = root.targets;
  const failuresOf = failuresByTarget(failedFields);
  const out: OptionsDiagnostic[] = [];
  const at = (segments: PathSegment[], message: string): void => {
    out.push({
      file,
      ...positionOf(doc, lineCounter, segments),
      path: formatPath(segments),
      message,
    });
  };
  const firstLine = new Map<string, number>();
  rawTargets.forEach((raw, i) => {
    const broken = failuresOf.get(i);
    if (!isMapping(raw) || broken === null) return;
    const failures = broken ?? new Map();
    if (!failures.has("name") && typeof raw.name === "string") {
      const first = firstLine.get(raw.name);
      if (first !== undefined) {
        at(
          ["targets", i, "name"],
          `duplicate target name "${raw.name}" (first used on line ${first})`,
        );
      } else {
        firstLine.set(raw.name, positionOf(doc, lineCounter, ["targets", i, "name"]).line);
      }
    }
    for (const finding of targetFindings(raw, failures)) {
      at(["targets", i, ...finding.segments], finding.message);
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
      const size = (await stat(file)).size;
      if (size > maxOptionsBytes) {
        throw new OptionsError([
          {
            file: displayName,
            line: 0,
            column: 0,
            path: "",
            message: `the options file is ${size} bytes; rdlogoff reads at most ${maxOptionsBytes} (1 MB)`,
          },
        ]);
      }
      text = await readFile(file, "utf8");
    } catch (error) {
      if (error instanceof OptionsError) throw error;
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
