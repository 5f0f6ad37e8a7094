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
    if (s.warn) {
      lines.push(
        `  first lists every server and sends "${s.warn.message}" to each chosen Active session (a session whose state it cannot read too), waits ${s.warn.waitSeconds} s once (not at all when it warned nobody), then lists every server again and logs off only the sessions still the same and still chosen`,
      );
    }
    lines.push(`  a run takes ${runDuration(plan)}`);
    if (s.dryRun) lines.push("  dry run: prints each logoff instead of running it");
    lines.push(
      "  ends with a summary on stdout: per server, the sessions logged off, failed and kept, then a total",
    );
    if (s.eventLog) {
      lines.push(
        "  writes one event to the Application log (source rdlogoff): 100 done, 101 a logoff failed, 102 a server could not be listed",
      );
    }
    if (s.log) {
      lines.push(
        s.logFormat === "csv"
          ? `  appends CSV rows to ${s.log} (a header row first when the file is new): one per action and one per line of the summary`
          : `  appends one line per action and the summary to ${s.log}`,
      );
    }
    if (plan.formats.includes("ps1")) lines.push(`  .ps1 source: ${s.source}`);
  }
  for (const warning of plan.warnings) lines.push(`  warning: ${warning}`);
  return lines.join("\n");
}

/**
 * How long a safe target's run can take: the warning's one wait, plus listing and logging off,
 * which take seconds per server (the scheduled task's time limit allows a minute each).
 */
function runDuration(plan: LogoffPlan): string {
  const servers = Math.max(1, plan.run.servers.length);
  const where = servers === 1 ? "one server" : `${servers} servers`;
  const wait = plan.run.warn && !plan.run.dryRun ? plan.run.warn.waitSeconds : 0;
  if (wait === 0) return `a few seconds per server to list and log off (${where}), with no wait`;
  return `at most ${wait} s of waiting, once whatever the number of servers, plus a few seconds per server to list and log off (${where})`;
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
