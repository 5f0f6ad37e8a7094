/**
 * What a simulated run did and what the reference says it must do; pure data and one
 * comparison, so that checking a run loads no simulator.
 */
import { dryRunBanner } from "../emit/header.js";
import { listFailureMessage, type ListFailure } from "../listing/listFailures.js";
import type { InvariantViolation } from "./invariants.js";

/**
 * What a safe script must do on a fixture: log off exactly these sessions (calls as the
 * simulated world records them, in order) and exit 0, or fail closed: log off nobody, exit 2.
 */
export type ExpectedOutcome =
  | {
      kind: "selection";
      loggedOff: string[];
      /** A dry-run build: the logoffs are printed, and not one really runs. */
      dryRun: boolean;
      /** 2 when a server of the list was left alone (it may be this host); default 0. */
      exitCode?: 0 | 2;
      listFailures?: ServerListFailure[];
      /**
       * The warnings a run with `warn` sends (or in a dry run prints), as `msg` calls (or
       * `send-rdusermessage` on the broker) name a session: every chosen session that may have
       * somebody at its keyboard, before any logoff.
       */
      messaged: string[];
      /** How often the run waits: once when it warned somebody for real, else never. */
      waits: 0 | 1;
      /** The run summary, the last lines the script prints (see `summaryLines`). */
      summary?: string[];
      /** Whether the run writes its one Application log event (`eventLog`). */
      event?: boolean;
    }
  | {
      kind: "failClosed";
      reason: string;
      listFailures?: ServerListFailure[];
      summary?: string[];
      event?: boolean;
      /** Why a run that stops before listing says it stopped, as its event's description. */
      stoppedBecause?: string;
    };

/** A server whose sessions the script cannot know, and why: its stderr must say so. */
export interface ServerListFailure {
  /** As the script names it: the server, or "this server". */
  where: string;
  failure: ListFailure;
}

/** The event id and type of a run's exit code: 100 done, 101 a logoff failed, 102 a server not listed. */
export function eventOf(exitCode: number): { id: number; type: string } {
  if (exitCode === 1) return { id: 101, type: "WARNING" };
  if (exitCode === 2) return { id: 102, type: "ERROR" };
  return { id: 100, type: "INFORMATION" };
}

/** One server as the run summary counts it, or why nobody was logged off there. */
export type ServerTally =
  | { name: string; loggedOff: number; failed: number; kept: number }
  | { name: string; note: string };

/**
 * The run summary both scripts end with: a line per server (`rdsh01: 3 logged off, 1 failed,
 * 5 kept`; in a dry run `3 would log off, 5 kept`), or why nobody was logged off there, then a
 * total.
 */
export function summaryLines(tallies: readonly ServerTally[], dryRun: boolean): string[] {
  const counts = (loggedOff: number, failed: number, kept: number): string =>
    dryRun
      ? `${loggedOff} would log off, ${kept} kept`
      : `${loggedOff} logged off, ${failed} failed, ${kept} kept`;
  const total = { loggedOff: 0, failed: 0, kept: 0 };
  const lines = tallies.map((tally) => {
    if ("note" in tally) return `${tally.name}: ${tally.note}`;
    total.loggedOff += tally.loggedOff;
    total.failed += tally.failed;
    total.kept += tally.kept;
    return `${tally.name}: ${counts(tally.loggedOff, tally.failed, tally.kept)}`;
  });
  return [...lines, `total: ${counts(total.loggedOff, total.failed, total.kept)}`];
}

/**
 * The programs and cmdlets a safe script may call; anything else (rwinsta, reset session,
 * tsdiscon, a cmdlet that ends sessions) is a way of logging off the proof would not see.
 */
const allowedCalls = new Set([
  "query",
  "qwinsta",
  "quser",
  "logoff",
  "msg",
  "start-sleep",
  "timeout",
  "reg",
  "eventcreate",
  "invoke-rduserlogoff",
  "send-rdusermessage",
]);

/** A call that ends a session for real: `logoff` or `Invoke-RDUserLogoff`, in either mode. */
export const isLogoffCall = (call: string): boolean => /^(logoff|invoke-rduserlogoff) /i.test(call);

/** One artifact run on one fixture. */
export interface FixtureRun {
  fixture: string;
  calls: string[];
  /** The script's console output (dry-run lines go there). */
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The sessions the run logged off, or in a dry run would have, as logoff calls. */
  loggedOff: string[];
  /** The sessions the run warned, or in a dry run would have, as `ExpectedOutcome.messaged` names them. */
  messaged: string[];
  /** The waits it made (`timeout`, `Start-Sleep`). */
  waits: number;
  /** What the reference says the run must do. */
  expected: ExpectedOutcome;
  violations: InvariantViolation[];
  /** Set when the run hit its step bound. */
  stepLimit?: string;
}

/** A call that waits for the warned users: `timeout` in the .bat, `Start-Sleep` in the .ps1. */
export const isWaitCall = (call: string): boolean => /^(timeout|start-sleep)( |$)/i.test(call);

/** Why the warnings and waits of a run differ from the reference's, or undefined. */
function warningMismatch(run: FixtureRun): string | undefined {
  const expected = run.expected;
  const messaged = expected.kind === "selection" ? expected.messaged : [];
  const waits = expected.kind === "selection" ? expected.waits : 0;
  const got = run.messaged.map((call) => call.toLowerCase());
  const want = messaged.map((call) => call.toLowerCase());
  if (JSON.stringify(got) !== JSON.stringify(want))
    return `must warn [${messaged.join(", ")}], but warned [${run.messaged.join(", ")}]`;
  if (run.waits !== waits) return `must wait ${waits} time(s), but waited ${run.waits}`;
  const firstLogoff = run.calls.findIndex(isLogoffCall);
  const lastMessage = run.calls
    .map((call) => /^(msg|send-rdusermessage) /i.test(call))
    .lastIndexOf(true);
  if (firstLogoff >= 0 && lastMessage > firstLogoff)
    return `warned after a logoff ("${run.calls[lastMessage]}" after "${run.calls[firstLogoff]}")`;
  return undefined;
}

/** Why the last lines a run printed are not the reference's run summary, or undefined. */
function summaryMismatch(run: FixtureRun): string | undefined {
  const want = run.expected.summary;
  if (want === undefined) return undefined;
  const lines = run.stdout.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  const got = lines.slice(-want.length);
  if (JSON.stringify(got) === JSON.stringify(want)) return undefined;
  return `must end with the summary [${want.join(" | ")}], but ended with [${got.join(" | ")}]`;
}

/**
 * Why the Application log events of a run differ from the reference's: one eventcreate call
 * whose id and type follow the exit code, and whose description is the summary's total or
 * why the run stopped before listing.
 */
function eventMismatch(run: FixtureRun): string | undefined {
  const events = run.calls.filter((call) => /^eventcreate /i.test(call));
  if (!run.expected.event)
    return events.length === 0 ? undefined : `wrote an event without eventLog: "${events[0]}"`;
  const { id, type } = eventOf(run.exitCode);
  // A run that stops before listing says why; without a summary to hold it to (a world of no
  // server), any total is the description.
  const expected = run.expected;
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const stopped = expected.kind === "failClosed" ? expected.stoppedBecause : undefined;
  const total =
    stopped !== undefined
      ? escape(stopped)
      : expected.summary
        ? escape(expected.summary.at(-1) ?? "")
        : "total: .*";
  const want = new RegExp(
    `^eventcreate /l APPLICATION /so rdlogoff /t ${type} /id ${id} /d rdlogoff [a-z0-9-]+: ${total}$`,
  );
  if (events.length === 1 && want.test(events[0] ?? "")) return undefined;
  return `must write one event (id ${id}, ${type}, ${stopped ?? "the total"} as description), but wrote [${events.join(", ")}]`;
}

/** Why a run of a safe script is wrong, or undefined when it did what the reference says. */
export function outcomeMismatch(run: FixtureRun): string | undefined {
  const strange = run.calls.find((call) => !allowedCalls.has(call.split(" ")[0] ?? ""));
  if (strange !== undefined) return `ran "${strange}", which a safe script never runs`;
  const got = run.loggedOff.map((call) => call.toLowerCase());
  const expected = run.expected;
  if (expected.kind === "selection" && expected.dryRun) {
    const real = run.calls.filter(isLogoffCall);
    if (real.length > 0) return `is a dry-run build, but really ran [${real.join(", ")}]`;
    const first = run.stdout.split(/\r?\n/)[0];
    if (first !== dryRunBanner)
      return `is a dry-run build, but its first line is not "${dryRunBanner}"`;
  }
  const untold = (expected.listFailures ?? []).find(
    ({ where, failure }) => !run.stderr.includes(listFailureMessage(where, failure)),
  );
  if (untold !== undefined) {
    return `must say "${listFailureMessage(untold.where, untold.failure)}" on stderr, but did not`;
  }
  if (expected.kind === "failClosed") {
    if (got.length !== 0 || run.exitCode !== 2)
      return `must log off nobody and exit 2 (${expected.reason}), but logged off [${run.loggedOff.join(", ")}] and exited ${run.exitCode}`;
  } else {
    const want = expected.loggedOff.map((call) => call.toLowerCase());
    const exitCode = expected.exitCode ?? 0;
    if (JSON.stringify(got) !== JSON.stringify(want) || run.exitCode !== exitCode)
      return `must log off [${expected.loggedOff.join(", ")}] and exit ${exitCode}, but logged off [${run.loggedOff.join(", ")}] and exited ${run.exitCode}`;
  }
  return warningMismatch(run) ?? summaryMismatch(run) ?? eventMismatch(run);
}
