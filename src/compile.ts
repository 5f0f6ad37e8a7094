import type { Artifact } from "./emit/artifact.js";
import { renderArtifacts } from "./emit/index.js";
import type { RdlOptions } from "./options/types.js";
import { planOptions, type LogoffPlan } from "./plan/plan.js";
import { validateArtifacts, ValidationError, type ValidationProblem } from "./validate/index.js";

/** Everything build would write, in memory, validated. */
export interface Compilation {
  plans: LogoffPlan[];
  artifacts: Artifact[];
  /** Lint warnings: printed, not fatal (the KB style has some on purpose). */
  warnings: ValidationProblem[];
}

/**
 * Plans, renders and validates every target. Throws ValidationError (with every problem)
 * if any artifact fails a check, so nothing invalid ever reaches the disk.
 */
export async function compileOptions(options: RdlOptions): Promise<Compilation> {
  const plans = planOptions(options);
  const artifacts = renderArtifacts(plans);
  const problems = await validateArtifacts(artifacts, plans);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new ValidationError(errors);
  return { plans, artifacts, warnings: problems.filter((p) => p.severity === "warning") };
}
