import { readFileSync } from "node:fs";
import path from "node:path";
import { compileOptions, type Compilation } from "../../src/compile.js";
import { packageRoot } from "../../src/paths.js";
import { optionsFromYaml } from "./options.js";

/** The options files whose targets the golden call logs cover. */
export const goldenOptionFiles = ["rdlogoff.config.yml", "test/golden/options.yml"];

/** Every golden options file, compiled (planned, rendered, validated). */
export function compileGoldenOptions(): Promise<Compilation[]> {
  return Promise.all(
    goldenOptionFiles.map((file) =>
      compileOptions(optionsFromYaml(readFileSync(path.join(packageRoot, file), "utf8"))),
    ),
  );
}
