import type { LogoffPlan } from "../plan/plan.js";
import type { SelectionRule } from "../plan/rules.js";
import { powerShellRule } from "./powershellRules.js";
import { EmitError, type Artifact } from "./artifact.js";
import { EscapeError } from "./batchEscape.js";
import { scriptBytes } from "./bytes.js";
import { headerView } from "./header.js";
import { powershellCommentText } from "./powershellEscape.js";
import { renderTemplate } from "./templates.js";
import { powerShellSafeView } from "./powershellSafeView.js";

/** The `.ps1` of one target, rendered from templates/powershell, its rules through `renderRule`. */
export function renderPowerShell(
  plan: LogoffPlan,
  renderRule: (rule: SelectionRule) => string[] = powerShellRule,
): Artifact {
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
          ...powerShellSafeView(plan, renderRule),
        });
    const bytes = scriptBytes(text, plan.target, fileName);
    return { target: plan.target, format: "ps1", fileName, bytes };
  } catch (error) {
    if (error instanceof EscapeError) throw new EmitError(plan.target, error.message);
    throw error;
  }
}
