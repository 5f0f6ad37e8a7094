import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of the running code, whose files a cached result depends on: src/ under the
 * tests, dist/ for the library, dist/bundle/ for the CLI (scripts/bundle-cli.js). This module
 * sits at the top of each, so it is this module's own folder.
 */
export const codeRoot: string = path.dirname(fileURLToPath(import.meta.url));

/** The nearest folder from `start` up that holds `relative`, or undefined. */
export function nearestHolding(start: string, relative: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, relative))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The package root (holds package.json, templates/, fixtures/, schema/): the nearest folder
 * above the running code with a package.json.
 */
const foundRoot = nearestHolding(path.dirname(codeRoot), "package.json");
if (foundRoot === undefined) throw new Error(`no package.json above ${codeRoot}`);
export const packageRoot: string = foundRoot;
export const templatesDir: string = path.join(packageRoot, "templates");
export const fixturesDir: string = path.join(packageRoot, "fixtures");

/**
 * Where validation results (and the simulate command's parsed trees) are kept for this
 * installation, or undefined when turned off. Here, not in validate/, because the simulators
 * read it too and must not depend on the validate stage.
 */
export function validationCacheDir(): string | undefined {
  if (process.env.RDLOGOFF_CACHE === "0") return undefined;
  if (process.env.RDLOGOFF_CACHE_DIR) return process.env.RDLOGOFF_CACHE_DIR;
  // Installed as project/node_modules/rdlogoff: the project's node_modules/.cache.
  const parent = path.dirname(packageRoot);
  const modules =
    path.basename(parent) === "node_modules" ? parent : path.join(packageRoot, "node_modules");
  return path.join(modules, ".cache", "rdlogoff", "validate");
}
