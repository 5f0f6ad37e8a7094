import type { LogoffPlan } from "./plan.js";

function stateWords(plan: LogoffPlan): string {
  const { states } = plan.selection;
  return states.length === 0 ? "in any state" : `in state ${states.join(" or ")}`;
}

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
    const console = plan.selection.excludeConsole ? ", except the console" : "";
    lines.push(`  logs off user sessions ${stateWords(plan)}${console}`);
  }
  for (const warning of plan.warnings) lines.push(`  warning: ${warning}`);
  return lines.join("\n");
}
