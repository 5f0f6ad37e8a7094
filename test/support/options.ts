import { parseOptions } from "../../src/options/load.js";
import type { RdlOptions } from "../../src/options/types.js";

/** Options parsed from inline YAML, as if the file were `<dir>/rdlogoff.config.yml`. */
export function optionsFromYaml(yaml: string, dir = "/work/project"): RdlOptions {
  return parseOptions(yaml, `${dir}/rdlogoff.config.yml`, "rdlogoff.config.yml");
}
