/**
 * Validation results kept between runs. A result is a pure function of the artifact's bytes,
 * the recorded fixtures' bytes and rdlogoff's own code (its version and every file of the
 * running build and templates, so a changed simulator or rule never reuses an old result) and
 * its dependencies as installed, so an unchanged target is not simulated again. The results live in node_modules/.cache/rdlogoff
 * (RDLOGOFF_CACHE_DIR names another folder; RDLOGOFF_CACHE=0 turns the cache off). A clean
 * checkout has none, so CI still validates everything. Rendered artifacts are kept beside
 * them, by the same digest (RenderCache below).
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Artifact } from "../emit/artifact.js";
import type { ScriptFormat } from "../options/types.js";
import type { LogoffPlan } from "../plan/plan.js";
import type { ScriptTarget } from "../targets/index.js";
import { codeRoot, fixturesDir, packageRoot, templatesDir, validationCacheDir } from "../paths.js";
import { generatorVersion, installedDependencies } from "../version.js";
import type { ValidationProblem } from "./problems.js";

/**
 * Every file below `dir` that can change a result (code, templates, fixtures; not type
 * declarations or source maps), sorted, with its bytes hashed into `hash`. Read synchronously:
 * a few hundred small files, where promise round trips would cost more than the reads.
 */
function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  );
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, full);
    else if (entry.isFile() && !/\.(map|d\.ts)$/.test(entry.name)) {
      hash.update(`${path.relative(packageRoot, full)}\0`);
      hash.update(readFileSync(full));
    }
  }
}

let inputsDigest: Promise<string> | undefined;

/** The digest of everything besides the artifact a result depends on, computed once. */
function validationInputs(): Promise<string> {
  inputsDigest ??= Promise.resolve().then(() => {
    // The dependencies (grammars, templates' engine, YAML) come in through their installed
    // versions and the lockfile where there is one; Node through its version.
    const hash = createHash("sha256")
      .update(`rdlogoff ${generatorVersion} ${process.version}\0`)
      .update(installedDependencies());
    for (const lockfile of ["package-lock.json", "npm-shrinkwrap.json"]) {
      const file = path.join(packageRoot, lockfile);
      if (existsSync(file)) hash.update(readFileSync(file));
    }
    // The running code: the CLI's bundle, dist/ for the library, src/ under the tests.
    hashTree(hash, codeRoot);
    hashTree(hash, templatesDir);
    for (const kind of ["query-session", "query-user", "rd-user-session"]) {
      if (!existsSync(path.join(fixturesDir, kind))) continue;
      hashTree(hash, path.join(fixturesDir, kind));
    }
    return hash.digest("hex");
  });
  return inputsDigest;
}

/** The problems found in artifacts, kept by what they depend on. */
export interface ValidationCache {
  get(artifact: Artifact): Promise<ValidationProblem[] | undefined>;
  set(artifact: Artifact, problems: readonly ValidationProblem[]): Promise<void>;
}

async function keyOf(artifact: Artifact): Promise<string> {
  return createHash("sha256")
    .update(await validationInputs())
    .update(`\0${artifact.format}\0${artifact.fileName}\0`)
    .update(artifact.bytes)
    .digest("hex");
}

/** A cache in a folder, one JSON file per result, written atomically (rename). */
export function folderValidationCache(dir: string): ValidationCache {
  return {
    async get(artifact) {
      try {
        const text = await readFile(path.join(dir, `${await keyOf(artifact)}.json`), "utf8");
        const problems: unknown = JSON.parse(text);
        // Anything but a list of problems is not a result this cache wrote.
        return Array.isArray(problems) &&
          problems.every((p) => typeof p === "object" && p !== null && "check" in p)
          ? (problems as ValidationProblem[])
          : undefined;
      } catch {
        return undefined;
      }
    },
    async set(artifact, problems) {
      try {
        await mkdir(dir, { recursive: true });
        const file = path.join(dir, `${await keyOf(artifact)}.json`);
        const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
        await writeFile(temp, JSON.stringify(problems), { flag: "wx" });
        await rename(temp, file);
      } catch {
        // A cache that cannot be written only costs time: the result was computed anyway.
      }
    },
  };
}

/** The cache this installation uses, if any. */
export function defaultValidationCache(): ValidationCache | undefined {
  const dir = validationCacheDir();
  return dir === undefined ? undefined : folderValidationCache(dir);
}

/**
 * Rendered scripts kept between runs, beside the validation results. An artifact is a pure
 * function of its plan, its format and rdlogoff's own code and templates (the digest above),
 * so a build whose options did not change renders nothing: the template engine compiles no
 * template.
 */
export interface RenderCache {
  get(plan: LogoffPlan, format: ScriptFormat): Promise<Artifact | undefined>;
  set(plan: LogoffPlan, artifact: Artifact): Promise<void>;
}

async function renderKeyOf(plan: LogoffPlan, format: ScriptFormat): Promise<string> {
  return createHash("sha256")
    .update(await validationInputs())
    .update(`\0render\0${format}\0`)
    .update(JSON.stringify(plan))
    .digest("hex");
}

/** A render cache in a folder, one JSON file per artifact, written atomically (rename). */
export function folderRenderCache(dir: string): RenderCache {
  const fileOf = async (plan: LogoffPlan, format: ScriptFormat) =>
    path.join(dir, `${await renderKeyOf(plan, format)}.json`);
  return {
    async get(plan, format) {
      try {
        const kept: unknown = JSON.parse(await readFile(await fileOf(plan, format), "utf8"));
        const { fileName, bytes } = (kept ?? {}) as { fileName?: unknown; bytes?: unknown };
        // Anything else is not an artifact this cache wrote.
        if (typeof fileName !== "string" || typeof bytes !== "string") return undefined;
        return { target: plan.target, format, fileName, bytes: Buffer.from(bytes, "base64") };
      } catch {
        return undefined;
      }
    },
    async set(plan, artifact) {
      try {
        await mkdir(dir, { recursive: true });
        const file = await fileOf(plan, artifact.format);
        const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
        const kept = { fileName: artifact.fileName, bytes: artifact.bytes.toString("base64") };
        await writeFile(temp, JSON.stringify(kept), { flag: "wx" });
        await rename(temp, file);
      } catch {
        // A cache that cannot be written only costs time: the artifact was rendered anyway.
      }
    },
  };
}

/** The render cache this installation uses, if any: a `render` folder in the validation cache's. */
export function defaultRenderCache(): RenderCache | undefined {
  const dir = validationCacheDir();
  return dir === undefined ? undefined : folderRenderCache(path.join(dir, "render"));
}

/**
 * Every artifact of every plan, in the order `render` returns them (plan order, then the
 * targets' order): from the cache when it holds each of them, else from `render`, whose
 * artifacts are then kept.
 */
export async function cachedArtifacts(
  plans: readonly LogoffPlan[],
  targets: readonly Pick<ScriptTarget, "format">[],
  cache: RenderCache,
  render: () => Artifact[],
): Promise<Artifact[]> {
  const formats = targets.map((target) => target.format as ScriptFormat);
  // A plan with a format no target renders is left to `render`, which refuses it.
  if (plans.every((plan) => plan.formats.every((format) => formats.includes(format)))) {
    const wanted = plans.flatMap((plan) =>
      formats.filter((format) => plan.formats.includes(format)).map((f) => [plan, f] as const),
    );
    const kept: Artifact[] = [];
    for (const [plan, format] of wanted) {
      const artifact = await cache.get(plan, format);
      if (!artifact) break;
      kept.push(artifact);
    }
    if (kept.length === wanted.length) return kept;
  }
  const artifacts = render();
  const planOf = new Map(plans.map((plan) => [plan.target, plan]));
  for (const artifact of artifacts) {
    const plan = planOf.get(artifact.target);
    if (plan) await cache.set(plan, artifact);
  }
  return artifacts;
}
