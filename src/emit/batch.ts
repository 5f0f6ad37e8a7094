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
    refuseOverlongLines(bytes, plan, fileName);
    return { target: plan.target, format: "bat", fileName, bytes };
  } catch (error) {
    if (error instanceof EscapeError) throw new EmitError(plan.target, error.message);
    throw error;
  }
}

/** cmd.exe reads this many characters of a line and runs the rest as a command of its own. */
export const batchLineLimit = 8191;

/** The options whose text a batch line can hold, by their path in the target. */
function textOptions(plan: LogoffPlan): [string, string][] {
  const values: [string, string][] = [["description", plan.description]];
  if (plan.run.log !== undefined) values.push(["log", plan.run.log]);
  if (plan.run.warn) values.push(["warn.message", plan.run.warn.message]);
  for (const rule of plan.rules) {
    const list = "users" in rule ? rule.users : "patterns" in rule ? rule.patterns : [];
    for (const value of list) values.push([rule.kind, value]);
  }
  return values;
}

/**
 * Refuses a script with a line longer than cmd.exe reads, naming the options whose text
 * the line holds: the overflow would run as a command of its own.
 */
function refuseOverlongLines(bytes: Buffer, plan: LogoffPlan, fileName: string): void {
  const lines = bytes.toString("latin1").split("\r\n");
  lines.forEach((line, i) => {
    if (line.length <= batchLineLimit) return;
    const holds = [
      ...new Set(
        textOptions(plan).flatMap(([option, value]) => (line.includes(value) ? [option] : [])),
      ),
    ];
    throw new EmitError(
      plan.target,
      `${fileName}:${i + 1} would be ${line.length} characters long; cmd.exe reads ${batchLineLimit} characters of a line and runs the rest as a command${holds.length > 0 ? `: shorten ${holds.join(", ")}` : ""}`,
    );
  });
}
