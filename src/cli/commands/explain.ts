import { explainPlan, planJson } from "../../plan/explain.js";
import { planOptions } from "../../plan/plan.js";
import type { CommandFactory } from "./types.js";
import { loadConfig, reportFailure, withConfig } from "./common.js";

export const explainCommand: CommandFactory = (io, result) => ({
  command: "explain",
  describe: "Print what each target will do, in words or as its LogoffPlan in JSON",
  builder: (yargs) =>
    withConfig(yargs)
      .option("json", { type: "boolean", default: false, describe: "Print the plans as JSON" })
      .example("$0 explain", "Read what every target of ./rdlogoff.config.yml does")
      .example("$0 explain --json", "The LogoffPlan of every target"),
  handler: async (argv) => {
    const args = argv as unknown as { config?: string; quiet: boolean; json: boolean };
    try {
      const plans = planOptions(await loadConfig(io, args));
      if (args.json) io.stdout(`${JSON.stringify(plans.map(planJson), null, 2)}\n`);
      else io.stdout(`${plans.map(explainPlan).join("\n\n")}\n`);
    } catch (error) {
      reportFailure(io, result, error);
    }
  },
});
