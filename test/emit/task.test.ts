import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  executionTimeLimitMinutes,
  renderTaskFiles,
  taskXmlText,
  type TaskFile,
} from "../../src/emit/task.js";
import { parseOptions } from "../../src/options/load.js";
import type { RdlOptions } from "../../src/options/types.js";
import { planOptions } from "../../src/plan/plan.js";
import { packageRoot } from "../../src/paths.js";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { splitCommandLine } from "../../src/simulate/commandLine.js";
import type { ExternalCall, World } from "../../src/simulate/types.js";
import { batchTarget } from "../../src/targets/index.js";
import { validateAgainst, xmllintGate, xpathString } from "../support/xmllint.js";

const optionsFile = path.join(packageRoot, "test/emit/task-options.yml");

function taskOptions(text = readFileSync(optionsFile, "utf8")): RdlOptions {
  return parseOptions(text, "/work/project/rdlogoff.config.yml", "rdlogoff.config.yml");
}

function taskFilesOf(options: RdlOptions): TaskFile[] {
  return renderTaskFiles(options.targets, planOptions(options));
}

const files = taskFilesOf(taskOptions());
const xmlFiles = files.filter((f) => f.fileName.endsWith(".task.xml"));
const installer = files.find((f) => f.fileName === "install-tasks.cmd");
const fileNamed = (name: string): TaskFile => {
  const file = files.find((f) => f.fileName === name);
  if (!file) throw new Error(`no ${name}`);
  return file;
};

describe("task files", () => {
  it("one .task.xml per scheduled target, in target order, then install-tasks.cmd", () => {
    expect(files.map((f) => f.fileName)).toEqual([
      "nightly-disconnected.task.xml",
      "weekend-all.task.xml",
      "hourly-idle.task.xml",
      "install-tasks.cmd",
    ]);
  });

  it("none without a scheduled target", () => {
    expect(taskFilesOf(taskOptions("targets:\n  - name: a\n"))).toEqual([]);
  });

  it("a task is UTF-16LE with a byte order mark and CRLF line ends, as Windows exports one", () => {
    for (const file of xmlFiles) {
      expect([...file.bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x3c, 0x00]);
      const text = taskXmlText(file.bytes) ?? "";
      expect(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])).toEqual(
        file.bytes,
      );
      expect(text.startsWith('<?xml version="1.0" encoding="UTF-16"?>\r\n')).toBe(true);
      expect(text.endsWith("</Task>\r\n")).toBe(true);
      expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    }
  });

  it("the bytes depend on the options only: two renders are equal, the clock is not read", () => {
    const again = taskFilesOf(taskOptions());
    expect(again.map((f) => f.bytes)).toEqual(files.map((f) => f.bytes));
    const text = taskXmlText(fileNamed("nightly-disconnected.task.xml").bytes) ?? "";
    expect(text).not.toMatch(/<Date>/);
    expect(text).toContain("<StartBoundary>2000-01-01T02:00:00</StartBoundary>");
  });

  it("install-tasks.cmd is ASCII with CRLF line ends and passes the batch lint rules", async () => {
    const bytes = installer?.bytes ?? Buffer.alloc(0);
    expect([...bytes].every((b) => b === 0x0d || b === 0x0a || (b >= 0x20 && b < 0x7f))).toBe(true);
    expect(bytes.toString("latin1").replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(await batchTarget.lint(bytes.toString("latin1"), [])).toEqual([]);
  });

  it("the time limit covers the warning's one wait for every server, plus time to list and log off", () => {
    const plans = planOptions(taskOptions());
    const limits = plans.map((plan) => executionTimeLimitMinutes(plan));
    // 2 servers, one wait of 300 s = 5 min + 10 + 1 per server; no warning: 10 + 1.
    expect(limits).toEqual([17, 11, 11, 11]);
    expect(limits[0] ?? 0).toBeGreaterThan(300 / 60);
  });

  it("refuses a task value XML cannot hold", () => {
    const options = taskOptions();
    const plans = planOptions(options);
    const [first] = options.targets;
    if (!first) throw new Error("no target");
    const bad = { ...first, description: "bell \u0007" };
    expect(() => renderTaskFiles([bad], plans)).toThrow(/U\+0007, which XML 1\.0 cannot hold/);
  });
});

/** A World in which schtasks registers every task except the ones named in `failing`. */
function schtasksWorld(failing: readonly string[]): World {
  const calls: ExternalCall[] = [];
  return {
    calls,
    exec(program, tail) {
      if (program.toLowerCase() !== "schtasks") return undefined;
      calls.push({ program: "schtasks", args: splitCommandLine(tail) });
      const name = /\/tn "([^"]+)"/.exec(tail)?.[1] ?? "";
      if (failing.includes(name)) {
        return { stdout: "", stderr: "ERROR: Access is denied.\r\n", exitCode: 1 };
      }
      return {
        stdout: `SUCCESS: The scheduled task "${name}" has successfully been created.\r\n`,
        stderr: "",
        exitCode: 0,
      };
    },
  };
}

describe("install-tasks.cmd in the batch simulator", () => {
  const script = installer?.bytes.toString("latin1") ?? "";
  const scriptPath =
    "\\\\corp.local\\SysVol\\corp.local\\Policies\\{GPO}\\Machine\\Scripts\\Startup\\install-tasks.cmd";

  // The call log shows each program's arguments as the C runtime splits them (quotes removed).
  it("registers every task, idempotently (/f), from the folder it runs from, and exits 0", () => {
    const run = simulateBatch(script, schtasksWorld([]), { scriptPath });
    const folder =
      "\\\\corp.local\\SysVol\\corp.local\\Policies\\{GPO}\\Machine\\Scripts\\Startup\\";
    expect(run.calls).toEqual(
      ["nightly-disconnected", "weekend-all", "hourly-idle"].map(
        (name) => `schtasks /create /tn rdlogoff\\${name} /xml ${folder}${name}.task.xml /f`,
      ),
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("rdlogoff: registered 3 task(s)");
  });

  it("goes on after a failure, then names every task it could not register and exits 1", () => {
    const run = simulateBatch(
      script,
      schtasksWorld(["rdlogoff\\nightly-disconnected", "rdlogoff\\hourly-idle"]),
      { scriptPath },
    );
    expect(run.calls).toHaveLength(3);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      "rdlogoff: could not register: rdlogoff\\nightly-disconnected rdlogoff\\hourly-idle",
    );
    expect(run.stdout).not.toContain("registered");
  });
});

describe("task XML against the Task Scheduler schema (xmllint)", () => {
  if (!xmllintGate()) return;

  it("every generated task validates against the project's XSD", () => {
    expect(xmlFiles.length).toBe(3);
    for (const file of xmlFiles) {
      const result = validateAgainst(file.bytes, file.fileName);
      expect(result, file.fileName).toEqual({
        status: 0,
        stderr: expect.stringContaining("validates") as string,
      });
    }
  });

  it("a real XML parser reads back the values, escaped text included", () => {
    const nightly = fileNamed("nightly-disconnected.task.xml").bytes;
    const read = (expression: string): string => xpathString(nightly, "nightly.xml", expression);
    expect(read("/t:Task/@version")).toBe("1.2");
    expect(read("/t:Task/t:RegistrationInfo/t:Description")).toBe(
      'Log off disconnected sessions <every night> & "early", at 02:00',
    );
    expect(read("/t:Task/t:RegistrationInfo/t:URI")).toBe("\\rdlogoff\\nightly-disconnected");
    expect(read("/t:Task/t:Principals/t:Principal/t:UserId")).toBe("S-1-5-18");
    expect(read("/t:Task/t:Principals/t:Principal/t:RunLevel")).toBe("HighestAvailable");
    expect(read("/t:Task/t:Settings/t:MultipleInstancesPolicy")).toBe("IgnoreNew");
    expect(read("/t:Task/t:Settings/t:ExecutionTimeLimit")).toBe("PT17M");
    expect(read("/t:Task/t:Triggers/t:CalendarTrigger/t:ScheduleByDay/t:DaysInterval")).toBe("1");
    expect(read("/t:Task/t:Actions/t:Exec/t:Command")).toBe("powershell.exe");
    expect(read("/t:Task/t:Actions/t:Exec/t:Arguments")).toBe(
      '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "\\\\corp.local\\NETLOGON\\rdlogoff\\nightly-disconnected.ps1"',
    );

    const weekend = fileNamed("weekend-all.task.xml").bytes;
    expect(
      xpathString(
        weekend,
        "weekend.xml",
        "count(/t:Task/t:Triggers/t:CalendarTrigger/t:ScheduleByWeek/t:DaysOfWeek/*)",
      ),
    ).toBe("2");
    expect(
      xpathString(weekend, "weekend.xml", "/t:Task/t:Triggers/t:CalendarTrigger/t:StartBoundary"),
    ).toBe("2000-01-01T22:30:00");
    // A trailing backslash of deployPath is not doubled.
    expect(xpathString(weekend, "weekend.xml", "/t:Task/t:Actions/t:Exec/t:Arguments")).toBe(
      '/d /c "\\\\fs01\\gpo$\\rdlogoff\\weekend-all.bat"',
    );

    const hourly = fileNamed("hourly-idle.task.xml").bytes;
    expect(
      xpathString(hourly, "hourly.xml", "/t:Task/t:Triggers/t:TimeTrigger/t:Repetition/t:Interval"),
    ).toBe("PT60M");
    expect(xpathString(hourly, "hourly.xml", "/t:Task/t:Actions/t:Exec/t:Command")).toBe("cmd.exe");
  });

  it("the XSD has teeth: it refuses tasks that differ from what Windows takes", () => {
    const text = taskXmlText(fileNamed("nightly-disconnected.task.xml").bytes) ?? "";
    const broken: [string, string][] = [
      ["a version other than 1.2", text.replace('version="1.2"', 'version="1.9"')],
      ["an unknown policy", text.replace(">IgnoreNew<", ">Ignore<")],
      ["a Context naming no principal", text.replace('Context="Author"', 'Context="Nobody"')],
      [
        "trigger children out of order",
        text.replace(
          /(<StartBoundary>[^<]*<\/StartBoundary>)(\s*)(<ScheduleByDay>[\s\S]*?<\/ScheduleByDay>)/,
          "$3$2$1",
        ),
      ],
      ["a time limit that is not a duration", text.replace("PT17M", "17 minutes")],
      ["no action", text.replace(/<Actions[\s\S]*<\/Actions>/, "")],
    ];
    for (const [why, xml] of broken) {
      expect(xml, why).not.toBe(text);
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]);
      expect(validateAgainst(bytes, "broken.xml").status, why).not.toBe(0);
    }
  });
});
