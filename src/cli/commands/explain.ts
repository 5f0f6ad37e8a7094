import { withConfig } from "./configOption.js";
import type { CommandFactory } from "./types.js";

export const explainCommand: CommandFactory = (io, result) => ({
  command: "explain",
  describe: "Print what each target will do, in words or as its LogoffPlan in JSON",
  builder: (yargs) =>
    withConfig(yargs)
      .option("json", { type: "boolean", default: false, describe: "Print the plans as JSON" })
      .example("$0 explain", "Read what every target of ./rdlogoff.config.yml does")
      .example("$0 explain --json", "The LogoffPlan of every target"),
  handler: async (argv) => {
    const { runExplain } = await import("./explainRun.js");
    await runExplain(io, result, argv);
  },
});
