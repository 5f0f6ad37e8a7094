import { describe, expect, it } from "vitest";
import { formatOptionsDiagnostic, OptionsError } from "../../src/options/diagnostics.js";
import { parseOptions } from "../../src/options/load.js";
import { deployPathProblem } from "../../src/options/schedule.js";

function diagnosticsOf(text: string): string[] {
  try {
    parseOptions(text, "/work/bad.yml", "bad.yml");
  } catch (error) {
    if (error instanceof OptionsError) return error.diagnostics.map(formatOptionsDiagnostic);
    throw error;
  }
  return [];
}

/** A ps1 target (line 2) with the given lines under it (from line 4). */
const scheduled = (...lines: string[]): string =>
  ["targets:", "  - name: t1", "    formats: [ps1]", ...lines.map((l) => `    ${l}`), ""].join(
    "\n",
  );

const share = "deployPath: '\\\\corp.local\\NETLOGON\\rdlogoff'";

describe("schedule and deployPath options", () => {
  it.each([
    {
      name: "a time past midnight",
      text: scheduled("schedule: {daily: '24:00'}", share),
      want: [
        'bad.yml:4:23 targets[0].schedule.daily: "24:00" is not a time of day; write HH:MM on the 24-hour clock, 00:00 to 23:59 (for example "02:00")',
      ],
    },
    {
      name: "a time without a leading zero",
      text: scheduled("schedule:", "  weekly: {days: [sat], at: '2:00'}", share),
      want: [
        'bad.yml:5:33 targets[0].schedule.weekly.at: "2:00" is not a time of day; write HH:MM on the 24-hour clock, 00:00 to 23:59 (for example "02:00")',
      ],
    },
    {
      name: "an unknown day",
      text: scheduled("schedule:", "  weekly: {days: [sat, tues], at: '22:00'}", share),
      want: [
        'bad.yml:5:28 targets[0].schedule.weekly.days[1]: unknown day "tues" (did you mean "tue"?); expected one of mon, tue, wed, thu, fri, sat, sun',
      ],
    },
    {
      name: "a day twice",
      text: scheduled("schedule:", "  weekly: {days: [sat, sat], at: '22:00'}", share),
      want: ['bad.yml:5:28 targets[0].schedule.weekly.days[1]: "sat" is listed twice'],
    },
    {
      name: "weekly without days",
      text: scheduled("schedule:", "  weekly: {at: '22:00'}", share),
      want: ['bad.yml:5:15 targets[0].schedule.weekly: missing required key "days"'],
    },
    {
      name: "everyMinutes out of range",
      text: scheduled("schedule: {everyMinutes: 0}", share),
      want: ["bad.yml:4:30 targets[0].schedule.everyMinutes: must be at least 1, got 0"],
    },
    {
      name: "everyMinutes over a day",
      text: scheduled("schedule: {everyMinutes: 1441}", share),
      want: ["bad.yml:4:30 targets[0].schedule.everyMinutes: must be at most 1440, got 1441"],
    },
    {
      name: "a misspelt kind, with a suggestion from the schedule's own keys",
      text: scheduled("schedule: {dayly: '02:00'}", share),
      want: ['bad.yml:4:16 targets[0].schedule.dayly: unknown key "dayly" (did you mean "daily"?)'],
    },
    {
      name: "two kinds",
      text: scheduled("schedule: {daily: '02:00', everyMinutes: 60}", share),
      want: [
        "bad.yml:4:15 targets[0].schedule: a schedule has one of daily, weekly or everyMinutes, not daily and everyMinutes; make two targets for two schedules",
      ],
    },
    {
      name: "no kind",
      text: scheduled("schedule: {}", share),
      want: [
        "bad.yml:4:15 targets[0].schedule: a schedule needs one of daily, weekly or everyMinutes",
      ],
    },
    {
      name: "a schedule without deployPath",
      text: scheduled("schedule: {daily: '02:00'}"),
      want: [
        "bad.yml:4:15 targets[0].schedule: a scheduled task runs the script from the share it is copied to: add deployPath, a UNC folder such as \\\\corp.local\\NETLOGON\\rdlogoff",
      ],
    },
    {
      name: "deployPath without a schedule",
      text: scheduled(share),
      want: [
        "bad.yml:2:5 targets[0].schedule: deployPath only serve a scheduled task, and the target has no schedule; add one (daily, weekly or everyMinutes) or remove it",
      ],
    },
    {
      name: "both formats and no taskFormat",
      text: ["targets:", "  - name: t1", "    schedule: {daily: '02:00'}", `    ${share}`, ""].join(
        "\n",
      ),
      want: [
        "bad.yml:3:15 targets[0].schedule: the target builds bat and ps1: say which one the task runs with taskFormat (bat or ps1), or build one format",
      ],
    },
    {
      name: "a taskFormat the target does not build",
      text: scheduled("schedule: {daily: '02:00'}", share, "taskFormat: bat"),
      want: [
        "bad.yml:6:17 targets[0].taskFormat: the task would run the bat script, which the target does not build (formats: ps1)",
      ],
    },
    {
      name: "an unknown taskFormat",
      text: scheduled("schedule: {daily: '02:00'}", share, "taskFormat: cmd"),
      want: [
        'bad.yml:6:17 targets[0].taskFormat: unknown taskFormat "cmd"; expected one of bat, ps1',
      ],
    },
    {
      name: "deployPath in YAML double quotes, where \\\\ is one backslash",
      text: scheduled("schedule: {daily: '02:00'}", 'deployPath: "\\\\fs01\\\\gpo$\\\\rdlogoff"'),
      want: [
        'bad.yml:5:17 targets[0].deployPath: deployPath "\\\\fs01\\\\gpo$\\\\rdlogoff" is not a UNC path \\\\server\\share\\folder (in YAML double quotes "\\\\" is one backslash: write the path unquoted or in single quotes)',
      ],
    },
    {
      name: "deployPath with a character cmd cannot quote",
      text: scheduled("schedule: {daily: '02:00'}", "deployPath: '\\\\fs01\\it%share\\rdlogoff'"),
      want: [
        'bad.yml:5:17 targets[0].deployPath: deployPath contains "%", which cannot be quoted safely on the task\'s command line; use letters, digits, spaces and . _ - $ # ~ +',
      ],
    },
    {
      name: "schedule on a KB target",
      text: [
        "targets:",
        "  - name: t1",
        "    style: kb",
        "    formats: [bat]",
        "    schedule: {daily: '02:00'}",
        "",
      ].join("\n"),
      want: [
        "bad.yml:5:15 targets[0].schedule: the KB scripts have no schedule option; use style: safe",
      ],
    },
  ])("$name", ({ text, want }) => {
    expect(diagnosticsOf(text)).toEqual(want);
  });

  it("a schedule that failed the schema is not also reported as missing beside deployPath", () => {
    expect(diagnosticsOf(scheduled("schedule: {everyMinutes: 0}", share))).toHaveLength(1);
  });

  it("accepts the three kinds and fills no default for them", () => {
    const options = parseOptions(
      [
        "targets:",
        "  - name: nightly",
        "    formats: [ps1]",
        "    schedule: {daily: '02:00'}",
        `    ${share}`,
        "  - name: weekend",
        "    schedule: {weekly: {days: [sat, sun], at: '22:00'}}",
        "    deployPath: \\\\fs01\\gpo$\\rdlogoff\\",
        "    taskFormat: bat",
        "  - name: hourly",
        "    formats: [bat]",
        "    schedule: {everyMinutes: 60}",
        `    ${share}`,
        "  - name: unscheduled",
        "",
      ].join("\n"),
      "/work/o.yml",
      "o.yml",
    );
    expect(
      options.targets.map(({ schedule, deployPath, taskFormat }) => ({
        schedule,
        deployPath,
        taskFormat,
      })),
    ).toEqual([
      {
        schedule: { daily: "02:00" },
        deployPath: "\\\\corp.local\\NETLOGON\\rdlogoff",
        taskFormat: undefined,
      },
      {
        schedule: { weekly: { days: ["sat", "sun"], at: "22:00" } },
        deployPath: "\\\\fs01\\gpo$\\rdlogoff\\",
        taskFormat: "bat",
      },
      {
        schedule: { everyMinutes: 60 },
        deployPath: "\\\\corp.local\\NETLOGON\\rdlogoff",
        taskFormat: undefined,
      },
      { schedule: undefined, deployPath: undefined, taskFormat: undefined },
    ]);
  });
});

describe("deployPathProblem", () => {
  it.each([
    "\\\\corp.local\\NETLOGON\\rdlogoff",
    "\\\\fs01\\gpo$\\rdlogoff",
    "\\\\fs01\\gpo$\\",
    "\\\\fs01\\IT Scripts\\rd logoff #2",
  ])("accepts %s", (value) => {
    expect(deployPathProblem(value)).toBeUndefined();
  });

  it.each([
    ["C:\\Scripts\\rdlogoff", "is not a UNC path"],
    ["//fs01/gpo$/rdlogoff", 'contains "/"'],
    ["\\\\fs01", "names a server but no share"],
    ["\\\\fs01\\gpo$\\\\rdlogoff", "has an empty folder name"],
    ["\\\\fs01\\gpo$\\..\\x", "has an empty folder name"],
    ["\\\\fs01\\gpo$\\x.", "ends with a dot"],
    ["\\\\fs01\\gpo$\\a&b", 'contains "&"'],
    ["\\\\fs01\\gpo$\\a(1)", 'contains "("'],
    ['\\\\fs01\\gpo$\\say "hi"', "contains '\"'"],
    ["\\\\fs01\\gpo$\\a!b", 'contains "!"'],
    ["\\\\fs01\\gpo$\\a[1]", 'contains "["'],
    ["\\\\fs01\\gpo$\\a,b", 'contains ","'],
    ["\\\\fs01\\gpo$\\a\tb", "the control character U+0009"],
    ["\\\\fs01\\gpo$\\caf\u00e9", "the non-ASCII character"],
    ["\\\\-fs01\\gpo$", "is not a host name"],
  ])("refuses %s", (value, why) => {
    expect(deployPathProblem(value)).toContain(why);
  });
});
