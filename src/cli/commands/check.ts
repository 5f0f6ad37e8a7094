import { withConfig } from "./configOption.js";
import type { CommandFactory } from "./types.js";

export const checkCommand: CommandFactory = (io, result) => ({
  command: "check",
  describe:
    "Exit 0 when outDir is exactly what build would write; else print a diff per file and exit 1",
  builder: (yargs) =>
    withConfig(yargs)
      .option("json", { type: "boolean", default: false, describe: "Print the findings as JSON" })
      .option("out-dir", {
        type: "string",
        describe: "Check this folder instead of the options file's outDir",
      })
      .example("$0 check", "Fail CI when dist-scripts/ is stale, hand-edited, missing or orphaned")
      .example("$0 check --json", "The same, as data"),
  handler: async (argv) => {
    const { runCheck } = await import("./checkRun.js");
    await runCheck(io, result, argv);
  },
});
