import type { LogoffPlan } from "../plan/plan.js";
import type { Artifact } from "./artifact.js";
import { renderBatch } from "./batch.js";
import { renderPowerShell } from "./powershell.js";

/** Every artifact of every plan, in plan order, .bat before .ps1. */
export function renderArtifacts(plans: readonly LogoffPlan[]): Artifact[] {
  const out: Artifact[] = [];
  for (const plan of plans) {
    if (plan.formats.includes("bat")) out.push(renderBatch(plan));
    if (plan.formats.includes("ps1")) out.push(renderPowerShell(plan));
  }
  return out;
}
