import { existsSync, readFileSync } from "node:fs";
import { packageRoot } from "./paths.js";
import path from "node:path";

/** rdlogoff's version, from package.json; it goes into every generated header. */
export const generatorVersion: string = (
  JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string }
).version;

/** The version of a package as Node would load it from here, or "missing". */
function installedVersion(name: string): string {
  for (let dir = packageRoot; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "node_modules", name, "package.json");
    if (existsSync(manifest)) {
      return (JSON.parse(readFileSync(manifest, "utf8")) as { version?: string }).version ?? "";
    }
    if (path.dirname(dir) === dir) return "missing";
  }
}

/**
 * `name@version` of each dependency as installed, one a line: what a cached result depends on
 * besides rdlogoff's own code. A checkout has its lockfile too; an installed package has none,
 * and its dependencies' ranges let npm install newer versions under it.
 */
export function installedDependencies(): string {
  const { dependencies = {} } = JSON.parse(
    readFileSync(path.join(packageRoot, "package.json"), "utf8"),
  ) as { dependencies?: Record<string, string> };
  return Object.keys(dependencies)
    .sort()
    .map((name) => `${name}@${installedVersion(name)}\n`)
    .join("");
}
