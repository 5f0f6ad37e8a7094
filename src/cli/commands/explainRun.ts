import { explainPlan, planJson } from "../../plan/explain.js";
import { planOptions } from "../../plan/plan.js";
import { loadConfig, reportFailure } from "./common.js";
import type { CliIo } from "../io.js";
import type { CommandResult } from "./types.js";

/** The handler of `rdlogoff explain`, loaded only when the command runs. */
export async function runExplain(io: CliIo, result: CommandResult, argv: unknown): Promise<void> {
  const args = argv as unknown as { config?: string; quiet: boolean; json: boolean };
  try {
    const plans = planOptions(await loadConfig(io, args));
    if (args.json) io.stdout(`${JSON.stringify(plans.map(planJson), null, 2)}\n`);
    else io.stdout(`${plans.map(explainPlan).join("\n\n")}\n`);
  } catch (error) {
    reportFailure(io, result, error, args.json);
  }
}
