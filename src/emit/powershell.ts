import type { LogoffPlan } from "../plan/plan.js";
import { EmitError, type Artifact } from "./artifact.js";
import { EscapeError } from "./batchEscape.js";
import { scriptBytes } from "./bytes.js";
import { headerView } from "./header.js";
import { powershellCommentText } from "./powershellEscape.js";
import { renderTemplate } from "./templates.js";
import { powerShellSafeView } from "./powershellSafeView.js";
import { selectionSummary } from "../plan/explain.js";

/** The `.ps1` of one target, rendered from templates/powershell. */
export function renderPowerShell(plan: LogoffPlan): Artifact {
  const fileName = `${plan.target}.ps1`;
  try {
    const header = headerView(plan, powershellCommentText);
    const text = plan.kb
      ? renderTemplate("powershell/kb", {
          ...header,
          disconnectedOnly: plan.kb.powershell === "disconnected-only",
        })
      : renderTemplate("powershell/safe", {
          ...header,
          ...powerShellSafeView(plan, selectionSummary(plan.selection)),
        });
    const bytes = scriptBytes(text, plan.target, fileName);
    return { target: plan.target, format: "ps1", fileName, bytes };
  } catch (error) {
    if (error instanceof EscapeError) throw new EmitError(plan.target, error.message);
    throw error;
  }
}
