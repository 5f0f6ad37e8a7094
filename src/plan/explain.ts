import type { LogoffPlan } from "./plan.js";
import { describeRules } from "./rules.js";

/** What one target will do, in sentences an admin can check before deploying. */
export function explainPlan(plan: LogoffPlan): string {
  const lines = [`${plan.target}: ${plan.description || "(no description)"}`];
  const files = plan.formats.map((f) => `${plan.target}.${f}`).join(", ");
  lines.push(`  writes ${files} (style ${plan.style})`);
  if (plan.kb) {
    if (plan.formats.includes("bat")) {
      lines.push(
        `  .bat: the KB batch file: saves "query session" to session.txt in the current folder, skips ${plan.kb.batchSkip} line(s), runs "logoff" with the third word of every other line, deletes session.txt`,
      );
      lines.push(
        `        on Windows Vista and later that word is the state ("Disc", "Conn", "Listen") on rows without a session name, so disconnected users are missed and the caller's own session is logged off too`,
      );
    }
    if (plan.formats.includes("ps1")) {
      const which =
        plan.kb.powershell === "disconnected-only"
          ? "every session in STATE_DISCONNECTED"
          : "every session";
      lines.push(
        `  .ps1: the KB PowerShell script: on an RD Connection Broker, logs off ${which} that Get-RDUserSession lists, with Invoke-RDUserLogoff -Force`,
      );
    }
  } else {
    lines.push(`  logs off ${selectionSummary(plan)}`);
    const s = plan.run;
    if (s.warn)
      lines.push(
        `  first sends "${s.warn.message}", waits ${s.warn.waitSeconds} s and lists again`,
      );
    if (s.dryRun) lines.push("  dry run: prints each logoff instead of running it");
    if (s.log) lines.push(`  appends one line per action to ${s.log}`);
    if (plan.formats.includes("ps1")) lines.push(`  .ps1 source: ${s.source}`);
  }
  for (const warning of plan.warnings) lines.push(`  warning: ${warning}`);
  return lines.join("\n");
}

/** One line saying which sessions a safe target logs off, where; for headers and explain. */
export function selectionSummary(plan: LogoffPlan): string {
  return describeRules(plan.rules, plan.run.servers);
}

/**
 * A plan as data, for `explain --json`: the rules, run settings and needs as they are, the
 * state words in Unicode only (their byte spellings are the back ends' business).
 */
export function planJson(plan: LogoffPlan): unknown {
  return {
    ...plan,
    stateWords: plan.stateWords.map(({ language, word, state }) => ({ language, word, state })),
  };
}
