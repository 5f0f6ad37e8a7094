import type { LogoffPlan } from "../plan/plan.js";
import { EmitError, type Artifact } from "./artifact.js";
import { batchCommentText, EscapeError } from "./batchEscape.js";
import { scriptBytes } from "./bytes.js";
import { headerView } from "./header.js";
import { renderTemplate } from "./templates.js";

/** The `.bat` of one target, rendered from templates/batch. */
export function renderBatch(plan: LogoffPlan): Artifact {
  const fileName = `${plan.target}.bat`;
  try {
    const header = headerView(plan, batchCommentText);
    if (!plan.kb) throw new EmitError(plan.target, "style safe has no batch template yet");
    const text = renderTemplate("batch/kb", { ...header, skip: plan.kb.batchSkip });
    return {
      target: plan.target,
      format: "bat",
      fileName,
      bytes: scriptBytes(text, plan.target, fileName),
    };
  } catch (error) {
    if (error instanceof EscapeError) throw new EmitError(plan.target, error.message);
    throw error;
  }
}
