/**
 * The options of a target's scheduled task (`schedule`, `deployPath`, `taskFormat`): their
 * vocabulary, and the rules across them that the schema cannot say.
 */
import { describeChar, type ValueProblem } from "../targets/formats.js";
import type { TargetOptions } from "./types.js";

/** The days of `schedule.weekly.days`, Monday first. */
export const weekDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type WeekDay = (typeof weekDays)[number];

export type Schedule = NonNullable<TargetOptions["schedule"]>;

/** The kinds of schedule; a schedule has exactly one. */
const scheduleKinds = ["daily", "weekly", "everyMinutes"] as const;

/** Hours and minutes of an `HH:MM` time of day, or undefined when it is not one. */
export function timeOfDay(text: string): { hours: number; minutes: number } | undefined {
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(text);
  if (!match) return undefined;
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

function timeProblem(text: string): string | undefined {
  if (timeOfDay(text)) return undefined;
  return `${JSON.stringify(text)} is not a time of day; write HH:MM on the 24-hour clock, 00:00 to 23:59 (for example "02:00")`;
}

/**
 * Characters a deploy path may hold besides letters and digits. The path ends up inside
 * double quotes on the task's command line (`cmd.exe /d /c "..."`, `powershell.exe -File
 * "..."`): `"` ends the quoting, `%` and `!` expand, and cmd drops the quotes of a path
 * holding `& < > ( ) @ ^ |` (so those split the command), `, ; =` separate its words, and
 * PowerShell reads `[ ]` in a -File path as a wildcard. What is left is plain and safe.
 */
const deployPathPunctuation = " ._-$#~+";

/** The deploy path as the task uses it: without a trailing backslash. */
export function deployFolder(deployPath: string): string {
  return deployPath.replace(/\\$/, "");
}

/** Why `value` cannot be the UNC folder a task runs its script from, or undefined. */
export function deployPathProblem(value: string): string | undefined {
  if (value.includes("/")) {
    return `deployPath ${JSON.stringify(value)} contains "/"; a UNC path is written with backslashes (\\\\server\\share\\folder)`;
  }
  if (!value.startsWith("\\\\")) {
    const hint = value.startsWith("\\")
      ? ' (in YAML double quotes "\\\\" is one backslash: write the path unquoted or in single quotes)'
      : "";
    return `deployPath ${JSON.stringify(value)} is not a UNC path \\\\server\\share\\folder${hint}`;
  }
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\" || /[A-Za-z0-9]/.test(ch) || deployPathPunctuation.includes(ch)) continue;
    const allowed = `letters, digits, spaces and ${[...deployPathPunctuation.trim()].join(" ")}`;
    if (code > 0x7e)
      return `deployPath contains the non-ASCII character "${ch}"; use ASCII ${allowed}`;
    return `deployPath contains ${describeChar(ch)}, which cannot be quoted safely on the task's command line; use ${allowed}`;
  }
  const [host = "", ...parts] = deployFolder(value).slice(2).split("\\");
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(host) || host.length > 253) {
    return `deployPath ${JSON.stringify(value)}: "${host}" is not a host name (letters, digits, dots and dashes)`;
  }
  if (parts.length === 0) {
    return `deployPath ${JSON.stringify(value)} names a server but no share: write \\\\${host}\\share\\folder`;
  }
  for (const part of parts) {
    if (part === "" || part !== part.trim() || part.endsWith(".") || /^\.+$/.test(part)) {
      return `deployPath ${JSON.stringify(value)} has an empty folder name, ".", "..", or one that starts or ends with a space or ends with a dot (Windows would not keep it as written)`;
    }
  }
  return undefined;
}

/**
 * The rules across `schedule`, `deployPath`, `taskFormat` and `formats`. A rule about the
 * options as a whole points at `schedule` (also when it is absent: at the target), so that
 * when `schedule` itself failed the schema its consequences are not reported twice.
 */
export function taskProblems(target: TargetOptions): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const { schedule, deployPath, taskFormat } = target;
  if (deployPath !== undefined) {
    const message = deployPathProblem(deployPath);
    if (message) problems.push({ path: ["deployPath"], message });
  }
  if (!schedule) {
    const unused = [
      deployPath !== undefined && "deployPath",
      taskFormat !== undefined && "taskFormat",
    ];
    const named = unused.filter((key): key is string => key !== false);
    if (named.length > 0) {
      problems.push({
        path: ["schedule"],
        message: `${named.join(" and ")} only serve a scheduled task, and the target has no schedule; add one (daily, weekly or everyMinutes) or remove ${named.length > 1 ? "them" : "it"}`,
      });
    }
    return problems;
  }
  const kinds = scheduleKinds.filter((kind) => schedule[kind] !== undefined);
  if (kinds.length !== 1) {
    problems.push({
      path: ["schedule"],
      message:
        kinds.length === 0
          ? "a schedule needs one of daily, weekly or everyMinutes"
          : `a schedule has one of daily, weekly or everyMinutes, not ${kinds.join(" and ")}; make two targets for two schedules`,
    });
  }
  if (schedule.daily !== undefined) {
    const message = timeProblem(schedule.daily);
    if (message) problems.push({ path: ["schedule", "daily"], message });
  }
  if (schedule.weekly !== undefined) {
    const message = timeProblem(schedule.weekly.at);
    if (message) problems.push({ path: ["schedule", "weekly", "at"], message });
  }
  if (deployPath === undefined) {
    problems.push({
      path: ["schedule"],
      message:
        "a scheduled task runs the script from the share it is copied to: add deployPath, a UNC folder such as \\\\corp.local\\NETLOGON\\rdlogoff",
    });
  }
  if (taskFormat === undefined && target.formats.length > 1) {
    problems.push({
      path: ["schedule"],
      message: `the target builds ${target.formats.join(" and ")}: say which one the task runs with taskFormat (${target.formats.join(" or ")}), or build one format`,
    });
  }
  if (taskFormat !== undefined && !target.formats.includes(taskFormat)) {
    problems.push({
      path: ["taskFormat"],
      message: `the task would run the ${taskFormat} script, which the target does not build (formats: ${target.formats.join(", ")})`,
    });
  }
  return problems;
}

/** The format of the script a scheduled target's task runs. */
export function taskScriptFormat(target: TargetOptions): string {
  const format = target.taskFormat ?? (target.formats.length === 1 ? target.formats[0] : undefined);
  if (format === undefined) throw new Error(`target ${target.name}: no taskFormat`);
  return format;
}
