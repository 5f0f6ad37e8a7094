import type { ErrorObject, ValidateFunction } from "ajv";
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import { ajvOptions } from "./ajvOptions.js";
import { optionsSchema } from "./schema.js";
import { canonicalStates, stateForSpelling } from "./states.js";
import { didYouMean } from "./suggest.js";
import type { OptionsDiagnostic } from "./diagnostics.js";

/**
 * The schema's validator: the one `npm run build` compiled ahead of time beside this module
 * (scripts/write-validator.js), or, where there is none (the tests run the TypeScript
 * sources), compiled now with the same options.
 */
async function schemaValidator(): Promise<ValidateFunction> {
  const generated = "./schemaValidator.js";
  try {
    return ((await import(generated)) as { default: ValidateFunction }).default;
  } catch {
    const { Ajv } = await import("ajv");
    return new Ajv(ajvOptions).compile(optionsSchema);
  }
}

const validateSchema = await schemaValidator();

export type PathSegment = string | number;

/** `targets[0].states[1]` from `["targets", 0, "states", 1]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

function parseInstancePath(instancePath: string): PathSegment[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Resolves a JSON path in the YAML tree; `keyOf` asks for the key node of the last segment. */
function nodeAt(doc: Document, segments: readonly PathSegment[], keyOf = false): Node | undefined {
  let node: unknown = doc.contents;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
      if (!pair) return node;
      if (last && keyOf) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
    } else {
      return node as Node | undefined;
    }
  }
  return node as Node | undefined;
}

/** What one item of a list option is called in messages. */
const itemNames: Record<string, string> = { formats: "format", locale: "locale", days: "day" };

const typeNames: Record<string, string> = {
  object: "a mapping",
  array: "a list",
  string: "a string",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
};

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

/** What the schema reads of a mapping or list, to find the keys allowed at a path. */
interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly [keyword: string]: unknown;
}

/** The keys the schema allows in the mapping at `segments` (`targets[0].schedule`: its kinds). */
function allowedKeys(segments: readonly PathSegment[]): string[] {
  let node: SchemaNode | undefined = optionsSchema;
  for (const segment of segments) {
    node = typeof segment === "number" ? node?.items : node?.properties?.[segment];
  }
  return Object.keys(node?.properties ?? {}).filter((key) => key !== "$schema");
}

function stateMessage(value: unknown): string {
  if (typeof value !== "string") return `a state must be a string, got ${describeValue(value)}`;
  const meant = stateForSpelling(value);
  if (meant) return `"${value}" is not a canonical state name; write "${meant}"`;
  return `unknown state "${value}"${didYouMean(value, canonicalStates)}; the states are ${canonicalStates.join(", ")}`;
}

/**
 * One sentence for one schema violation: `path` is where it points, `field` the value that
 * failed (for a missing key, the key under its mapping; otherwise `path`).
 */
function messageFor(
  error: ErrorObject,
  root: unknown,
): { path: PathSegment[]; message: string; atKey: boolean; field?: PathSegment[] } {
  const path = parseInstancePath(error.instancePath);
  const value = valueAt(root, path);
  const field = path[path.length - 1];
  const parentField = path[path.length - 2];
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      return {
        path: [...path, key],
        message: `unknown key "${key}"${didYouMean(key, allowedKeys(path))}`,
        atKey: true,
      };
    }
    case "required": {
      const key = String((error.params as { missingProperty: string }).missingProperty);
      return {
        path,
        message: `missing required key "${key}"`,
        atKey: false,
        field: [...path, key],
      };
    }
    case "enum": {
      if (parentField === "states") return { path, message: stateMessage(value), atKey: false };
      const allowed = (error.params as { allowedValues: string[] }).allowedValues;
      const name =
        typeof field === "number" ? (itemNames[String(parentField)] ?? "value") : String(field);
      const shown = typeof value === "string" ? `"${value}"` : describeValue(value);
      const hint = typeof value === "string" ? didYouMean(value, allowed) : "";
      return {
        path,
        message: `unknown ${name} ${shown}${hint}; expected one of ${allowed.join(", ")}`,
        atKey: false,
      };
    }
    case "type": {
      const type = (error.params as { type: string }).type;
      return {
        path,
        message: `must be ${typeNames[type] ?? type}, got ${describeValue(value)}`,
        atKey: false,
      };
    }
    case "pattern":
      return {
        path,
        message:
          parentField === "servers" || field === "connectionBroker"
            ? `server ${JSON.stringify(value)} is not a host name (letters, digits, dots and dashes)`
            : `target name ${JSON.stringify(value)} must be lower-case letters, digits and dashes, starting with a letter or digit`,
        atKey: false,
      };
    case "minimum":
    case "maximum": {
      const bounds = error.keyword === "minimum" ? "at least" : "at most";
      const limit = (error.params as { limit: number }).limit;
      return { path, message: `must be ${bounds} ${limit}, got ${String(value)}`, atKey: false };
    }
    case "minItems":
      return { path, message: "must not be empty", atKey: false };
    case "minLength":
      return { path, message: "must not be empty", atKey: false };
    case "maxItems": {
      const limit = (error.params as { limit: number }).limit;
      const count = Array.isArray(value) ? value.length : 0;
      return { path, message: `may hold at most ${limit} entries, got ${count}`, atKey: false };
    }
    case "maxLength": {
      const limit = (error.params as { limit: number }).limit;
      return { path, message: `must be at most ${limit} characters long`, atKey: false };
    }
    case "uniqueItems": {
      // ajv reports the identical pair (i, j): point at the later one, the repetition.
      const { i, j } = error.params as { i: number; j: number };
      const later = Math.max(i, j);
      const items = value as unknown[];
      return {
        path: [...path, later],
        message: `${JSON.stringify(items[later])} is listed twice`,
        atKey: false,
      };
    }
    default:
      return { path, message: error.message ?? error.keyword, atKey: false };
  }
}

/** One schema violation: its diagnostic, and the field (value path) that failed. */
export interface SchemaFinding {
  diagnostic: OptionsDiagnostic;
  field: PathSegment[];
}

/** Every schema violation, in file order, one per field path. */
export function schemaFindings(
  doc: Document,
  lineCounter: LineCounter,
  root: unknown,
  file: string,
): SchemaFinding[] {
  if (validateSchema(root)) return [];
  const seen = new Set<string>();
  const found: (SchemaFinding & { offset: number })[] = [];
  for (const error of validateSchema.errors ?? []) {
    const { path, message, atKey, field } = messageFor(error, root);
    const pathText = formatPath(path);
    if (seen.has(pathText)) continue;
    seen.add(pathText);
    const node = nodeAt(doc, path, atKey);
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    found.push({
      diagnostic: { file, line: pos.line, column: pos.col, path: pathText, message },
      field: field ?? path,
      offset,
    });
  }
  return found.sort((a, b) => a.offset - b.offset).map(({ offset: _offset, ...f }) => f);
}

/** Diagnostics for everything the schema forbids, in file order, one per field. */
export function schemaDiagnostics(
  doc: Document,
  lineCounter: LineCounter,
  root: unknown,
  file: string,
): OptionsDiagnostic[] {
  return schemaFindings(doc, lineCounter, root, file).map((f) => f.diagnostic);
}

/** Position of the value at `path`, for checks made after the schema. */
export function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PathSegment[],
): { line: number; column: number } {
  const node = nodeAt(doc, path);
  const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
  return { line: pos.line, column: pos.col };
}
