import type { LogoffPlan } from "../plan/plan.js";
import { isOemStateWordLine } from "../targets/formats.js";
import type { SelectionRule } from "../plan/rules.js";
import { batchRule, type BatchRuleCode } from "./batchRules.js";
import { EmitError, type Artifact } from "./artifact.js";
import { batchCommentText, EscapeError } from "./batchEscape.js";
import { scriptBytes } from "./bytes.js";
import { headerView } from "./header.js";
import { batchSafeView } from "./batchSafeView.js";
import { renderTemplate } from "./templates.js";

/**
 * The `.bat` of one target, rendered from templates/batch, its rules through `renderRule`
 * (a test passes one that drops a rule, to see the build refuse the script).
 */
export function renderBatch(
  plan: LogoffPlan,
  renderRule: (rule: SelectionRule) => BatchRuleCode = batchRule,
): Artifact {
  const fileName = `${plan.target}.bat`;
  try {
    const header = headerView(plan, batchCommentText);
    const text = plan.kb
      ? renderTemplate("batch/kb", { ...header, skip: plan.kb.batchSkip })
      : renderTemplate("batch/safe", { ...header, ...batchSafeView(plan, renderRule) });
    const bytes = scriptBytes(text, plan.target, fileName, isOemStateWordLine);
    return { target: plan.target, format: "bat", fileName, bytes };
  } catch (error) {
    if (error instanceof EscapeError) throw new EmitError(plan.target, error.message);
    throw error;
  }
}
