import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package root (holds templates/, fixtures/, schema/), from src/ or dist/ alike. */
export const packageRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
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
