/**
 * What changed between two versions of a task file, in words: a task's schedule, the command
 * it runs and its time limit; the tasks install-tasks.cmd registers. Task files are read as
 * rdlogoff writes them (src/emit/task.ts); a file it cannot read shows as changed bytes.
 */
import { taskFileSuffix, taskInstallerName, taskXmlText } from "../emit/task.js";

/** Whether diff reads a file of this name as a task file rather than as a script. */
export function isTaskFileName(name: string): boolean {
  return name.endsWith(taskFileSuffix) || name === taskInstallerName;
}

/** One aspect of a task file that differs. */
export interface TaskFieldChange {
  field: string;
  before: string;
  after: string;
}

const entities: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&apos;": "'",
  "&amp;": "&",
};

/** The text of the first element of this name, entities decoded; "" when there is none. */
function element(xml: string, name: string): string {
  const raw = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? "";
  return raw.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => entities[entity] ?? entity);
}

const dayNames: Record<string, string> = {
  Monday: "mon",
  Tuesday: "tue",
  Wednesday: "wed",
  Thursday: "thu",
  Friday: "fri",
  Saturday: "sat",
  Sunday: "sun",
};

/** The trigger in the words of the options: `daily at 02:00`, `every 60 minutes`. */
function scheduleOf(xml: string): string {
  const at = /T(\d\d:\d\d):\d\d/.exec(element(xml, "StartBoundary"))?.[1] ?? "?";
  const interval = /^PT(\d+)M$/.exec(element(xml, "Interval"))?.[1];
  if (xml.includes("<TimeTrigger>") && interval) return `every ${interval} minutes`;
  if (xml.includes("<ScheduleByWeek>")) {
    const days = [...xml.matchAll(/<(\w+day) \/>/g)].map((m) => dayNames[m[1] ?? ""] ?? m[1]);
    return `weekly on ${days.join(", ")} at ${at}`;
  }
  if (xml.includes("<ScheduleByDay>")) return `daily at ${at}`;
  return "not one rdlogoff writes";
}

/** What a task file says, field by field. */
function taskFields(bytes: Buffer): Record<string, string> {
  const xml = taskXmlText(bytes) ?? "";
  return {
    schedule: scheduleOf(xml),
    runs: `${element(xml, "Command")} ${element(xml, "Arguments")}`.trim(),
    "time limit": element(xml, "ExecutionTimeLimit"),
    description: element(xml, "Description"),
  };
}

/** What install-tasks.cmd says: the tasks it registers. */
function installerFields(bytes: Buffer): Record<string, string> {
  const text = bytes.toString("latin1");
  const names = [...text.matchAll(/^schtasks \/create \/tn "([^"]+)"/gm)].map((m) => m[1]);
  return { registers: names.join(", ") || "nothing" };
}

/** What a task file or install-tasks.cmd says, field by field (for `diff --textconv` too). */
export function taskFileFields(name: string, bytes: Buffer): Record<string, string> {
  return name === taskInstallerName ? installerFields(bytes) : taskFields(bytes);
}

/**
 * How two versions of a task file differ, field by field; when the fields are equal but the
 * bytes are not (the header: another rdlogoff version or options), one field says so.
 */
export function compareTaskFiles(name: string, before: Buffer, after: Buffer): TaskFieldChange[] {
  const [old, now] = [taskFileFields(name, before), taskFileFields(name, after)];
  const changes = Object.keys(now)
    .filter((field) => old[field] !== now[field])
    .map((field) => ({ field, before: old[field] ?? "", after: now[field] ?? "" }));
  if (changes.length > 0 || before.equals(after)) return changes;
  return [
    {
      field: "header",
      before: "",
      after: "another rdlogoff version or options hash; schedule, command and time limit unchanged",
    },
  ];
}
