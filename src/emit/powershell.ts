import type { LogoffPlan } from "../plan/plan.js";
import { EmitError, type Artifact } from "./artifact.js";
import { EscapeError } from "./batchEscape.js";
import { scriptBytes } from "./bytes.js";
import { headerView } from "./header.js";
import { powershellCommentText } from "./powershellEscape.js";
import { renderTemplate } from "./templates.js";

/** The `.ps1` of one target, rendered from templates/powershell. */
export function renderPowerShell(plan: LogoffPlan): Artifact {
  const fileName = `${plan.target}.ps1`;
  try {
    const header = headerView(plan, powershellCommentText);
    if (!plan.kb) throw new EmitError(plan.target, "style safe has no PowerShell template yet");
    const text = renderTemplate("powershell/kb", {
      ...header,
      disconnectedOnly: plan.kb.powershell === "disconnected-only",
    });
    return {
      target: plan.target,
      format: "ps1",
      fileName,
      bytes: scriptBytes(text, plan.target, fileName),
    };
  } catch (error) {
    if (error instanceof EscapeError) throw new EmitError(plan.target, error.message);
    throw error;
  }
}
