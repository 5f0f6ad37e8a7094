import { readFileSync } from "node:fs";
import { nearestHolding, packageRoot } from "./paths.js";
import path from "node:path";

/** rdlogoff's version, from package.json; it goes into every generated header. */
export const generatorVersion: string = (
  JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string }
).version;

/** The version of a package as Node would load it from here, or "missing". */
function installedVersion(name: string): string {
  const manifest = path.join("node_modules", name, "package.json");
  const dir = nearestHolding(packageRoot, manifest);
  if (dir === undefined) return "missing";
  const { version } = JSON.parse(readFileSync(path.join(dir, manifest), "utf8")) as {
    version?: string;
  };
  return version ?? "";
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
