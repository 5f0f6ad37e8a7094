import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../../src/paths.js";

/**
 * Golden files (TypeScript-baseline style). A test compares its output with
 * test/golden/<name>; on a difference it writes the output to test/.golden-actual/<name>
 * and fails, naming the command that accepts it. Only `npm run golden:update`
 * (GOLDEN_UPDATE=1) writes goldens. Empty output is the explicit sentinel below.
 */
export const goldenRoot = path.join(packageRoot, "test/golden");
const actualRoot = path.join(packageRoot, "test/.golden-actual");
const updating = process.env.GOLDEN_UPDATE === "1";
export const noContent = "<no content>\n";

export function goldenText(text: string): string {
  return text === "" ? noContent : text;
}

/** Compares `actual` with the golden file `name` (a path under test/golden). */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(goldenRoot, name);
  const content = goldenText(actual);
  if (updating) {
    mkdirSync(path.dirname(file), { recursive: true });
    if (!existsSync(file) || readFileSync(file, "utf8") !== content) writeFileSync(file, content);
    return;
  }
  if (existsSync(file) && readFileSync(file, "utf8") === content) return;
  const out = path.join(actualRoot, name);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, content);
  const why = existsSync(file) ? "has changed" : "is missing";
  throw new Error(
    `golden ${path.relative(packageRoot, file)} ${why} (new output in ${path.relative(packageRoot, out)}); run "npm run golden:update" if the new output is correct, and read the diff before committing`,
  );
}

/**
 * Fails on golden files under `folder` that no test produced (`expected`: names relative to
 * test/golden); with GOLDEN_UPDATE=1 deletes them instead.
 */
export function expectNoOrphanGoldens(folder: string, expected: ReadonlySet<string>): void {
  const dir = path.join(goldenRoot, folder);
  if (!existsSync(dir)) return;
  const orphans: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of readdirSync(path.join(goldenRoot, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (!expected.has(rel)) orphans.push(rel);
    }
  };
  walk(folder);
  if (orphans.length === 0) return;
  if (updating) {
    for (const orphan of orphans) rmSync(path.join(goldenRoot, orphan));
    return;
  }
  throw new Error(
    `golden files no test produces: ${orphans.join(", ")}; run "npm run golden:update" to delete them`,
  );
}
