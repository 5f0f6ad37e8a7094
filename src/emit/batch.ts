import type { LogoffPlan } from "../plan/plan.js";
import { EmitError, type Artifact } from "./artifact.js";
import { batchCommentText, EscapeError } from "./batchEscape.js";
import { scriptBytes } from "./bytes.js";
import { headerView } from "./header.js";
import { batchSafeView } from "./batchSafeView.js";
import { renderTemplate } from "./templates.js";

/** The only lines allowed to hold OEM bytes: the state-word comparisons of batchSafeView. */
const isStateWordTest = (line: string): boolean =>
  /^if \/i "%RDL_SW%"=="[^"]+" set "RDL_ST=[a-zA-Z]+"$/.test(line);

/** The `.bat` of one target, rendered from templates/batch. */
export function renderBatch(plan: LogoffPlan): Artifact {
  const fileName = `${plan.target}.bat`;
  try {
    const header = headerView(plan, batchCommentText);
    const text = plan.kb
      ? renderTemplate("batch/kb", { ...header, skip: plan.kb.batchSkip })
      : renderTemplate("batch/safe", { ...header, ...batchSafeView(plan) });
    const bytes = scriptBytes(text, plan.target, fileName, isStateWordTest);
    return { target: plan.target, format: "bat", fileName, bytes };
  } catch (error) {
    if (error instanceof EscapeError) throw new EmitError(plan.target, error.message);
    throw error;
  }
}
