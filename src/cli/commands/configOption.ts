import type { Argv } from "yargs";

/** The --config option every options-reading command takes. */
export function withConfig<T>(yargs: Argv<T>): Argv<T & { config: string | undefined }> {
  return yargs.option("config", {
    alias: "c",
    type: "string",
    describe: "Options file (default: rdlogoff.config.yml, .yaml or .json in the current folder)",
  });
}
