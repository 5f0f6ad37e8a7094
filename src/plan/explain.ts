import type { LogoffPlan, SessionSelection } from "./plan.js";

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
    lines.push(`  logs off ${selectionSummary(plan.selection)}`);
    const s = plan.selection;
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
export function selectionSummary(s: SessionSelection): string {
  const parts = [
    s.states.length > 0 ? `sessions in state ${s.states.join(" or ")}` : "sessions in any state",
  ];
  parts.push(s.includeCurrent ? "the current session last" : "never the current session");
  if (s.excludeConsole) parts.push("never the console");
  if (s.excludeUsers.length > 0) parts.push(`never users ${s.excludeUsers.join(", ")}`);
  if (s.onlyUsers.length > 0) parts.push(`only users ${s.onlyUsers.join(", ")}`);
  if (s.excludeSessions.length > 0) parts.push(`never sessions ${s.excludeSessions.join(", ")}`);
  if (s.excludeIds.length > 0) parts.push(`never ids ${s.excludeIds.join(", ")}`);
  if (s.idleMinutes !== undefined) parts.push(`idle at least ${s.idleMinutes} minutes`);
  if (s.disconnectedMinutes !== undefined) {
    parts.push(`disconnected ones idle at least ${s.disconnectedMinutes} minutes`);
  }
  parts.push(s.servers.length > 0 ? `on ${s.servers.join(", ")}` : "on this server");
  return parts.join("; ");
}
