import { readFileSync } from "node:fs";
import { packageRoot } from "./paths.js";
import path from "node:path";

/** rdlogoff's version, from package.json; it goes into every generated header. */
export const generatorVersion: string = (
  JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string }
).version;
