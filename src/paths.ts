import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package root (holds templates/, fixtures/, schema/), from src/ or dist/ alike. */
export const packageRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const templatesDir: string = path.join(packageRoot, "templates");
export const fixturesDir: string = path.join(packageRoot, "fixtures");
