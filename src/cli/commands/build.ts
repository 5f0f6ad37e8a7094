import { withConfig } from "./configOption.js";
import type { CommandFactory } from "./types.js";

export const buildCommand: CommandFactory = (io, result) => ({
  command: "build",
  describe:
    "Compile the options file into scripts in outDir (validated before anything is written)",
  builder: (yargs) =>
    withConfig(yargs)
      .option("force", {
        type: "boolean",
        default: false,
        describe: "Overwrite files in outDir that rdlogoff did not generate",
      })
      .option("out-dir", {
        type: "string",
        describe: "Write the scripts here instead of the options file's outDir",
      })
      .option("json", {
        type: "boolean",
        default: false,
        describe: "Print {outDir, written, unchanged, removed, warnings} as JSON (errors too)",
      })
      .option("verbose", {
        type: "boolean",
        default: false,
        describe: "List each finding of style kb targets (by default, one line counts them)",
      })
      .example("$0 build", "Compile ./rdlogoff.config.yml into dist-scripts/")
      .example("$0 build --config gpo/logoff.yml", "Compile another options file"),
  handler: async (argv) => {
    const { runBuild } = await import("./buildRun.js");
    await runBuild(io, result, argv);
  },
});
