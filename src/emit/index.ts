import type { LogoffPlan } from "../plan/plan.js";
import type { ScriptTarget } from "../targets/index.js";
import type { Artifact } from "./artifact.js";

/**
 * Every artifact of every plan, in plan order and, within a plan, in the targets' order.
 * A plan naming a format no target renders is a bug upstream (the options schema lists only
 * the targets' formats), so it throws.
 */
export function renderArtifacts(
  plans: readonly LogoffPlan[],
  targets: readonly Pick<ScriptTarget, "format" | "render">[],
): Artifact[] {
  const out: Artifact[] = [];
  for (const plan of plans) {
    for (const format of plan.formats) {
      if (!targets.some((target) => target.format === format)) {
        throw new Error(`target ${plan.target}: no script target renders format "${format}"`);
      }
    }
    for (const target of targets) {
      if (plan.formats.includes(target.format)) out.push(target.render(plan));
    }
  }
  return out;
}
