import type { Artifact } from "./emit/artifact.js";
import { renderArtifacts } from "./emit/index.js";
import type { RdlOptions } from "./options/types.js";
import { planOptions, type LogoffPlan } from "./plan/plan.js";
import { scriptTargets, type ScriptTarget } from "./targets/index.js";
import { cachedArtifacts, defaultRenderCache, defaultValidationCache } from "./validate/cache.js";
import { validateArtifacts, ValidationError, type ValidationProblem } from "./validate/index.js";

/** Everything build would write, in memory, validated. */
export interface Compilation {
  plans: LogoffPlan[];
  artifacts: Artifact[];
  /** Lint warnings: printed, not fatal (the KB style has some on purpose). */
  warnings: ValidationProblem[];
}

/**
 * Plans, renders and validates every target, with the given script targets (every one by
 * default; a test passes others). Throws ValidationError (with every problem)
 * if any artifact fails a check, so nothing invalid ever reaches the disk.
 */
export async function compileOptions(
  options: RdlOptions,
  targets: readonly ScriptTarget[] = scriptTargets,
): Promise<Compilation> {
  const plans = planOptions(options);
  // Artifacts and results are kept only for the real back ends: a test's injected target may
  // render the same plans differently, or check the same bytes differently.
  const real = targets === scriptTargets;
  const renderCache = real ? defaultRenderCache() : undefined;
  const artifacts = renderCache
    ? await cachedArtifacts(plans, targets, renderCache, () => renderArtifacts(plans, targets))
    : renderArtifacts(plans, targets);
  const cache = real ? defaultValidationCache() : undefined;
  const problems = await validateArtifacts(artifacts, plans, targets, cache, real);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new ValidationError(errors);
  return { plans, artifacts, warnings: problems.filter((p) => p.severity === "warning") };
}
