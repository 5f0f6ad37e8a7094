/**
 * The run summary and the CSV log: a line per server (logged off, failed, kept, or why nobody
 * was logged off there) and a total on stdout, and with `logFormat: csv` a header row and one
 * RFC 4180 row per logoff and per summary line, whatever quotes and commas the listing's names
 * hold. Each case runs through both simulators, under Wine's cmd.exe and under real pwsh.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderBatch } from "../../src/emit/batch.js";
import { renderPowerShell } from "../../src/emit/powershell.js";
import { planOptions, type LogoffPlan } from "../../src/plan/plan.js";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { simulatePowerShell } from "../../src/simulate/powershell/index.js";
import { createSessionWorld, type SessionWorldConfig } from "../../src/simulate/world.js";
import type { ListedSession } from "../../src/validate/reference.js";
import { pwshGate, runUnderPwsh } from "../oracle/pwsh.js";
import { runUnderWineAgreeing, wineGate } from "../oracle/wine.js";
import { windowsPath } from "../oracle/wineRunner.js";
import { powerShellWorld } from "../support/agreement.js";
import { renderQuerySession, session } from "../support/listings.js";
import { optionsFromYaml } from "../support/options.js";

const logDir = mkdtempSync(path.join(tmpdir(), "rdl-summary-log-"));
afterAll(() => rmSync(logDir, { recursive: true, force: true }));

/** The target on this host, rdsh02 and rdsh03 (which does not answer), keeping session 4. */
function plan(log: string, logFormat: "text" | "csv"): LogoffPlan {
  const [only] = planOptions(
    optionsFromYaml(
      [
        "targets:",
        "  - name: farm",
        "    servers: [localhost, rdsh02, rdsh03]",
        "    excludeIds: [4]",
        "    eventLog: true",
        `    log: '${log}'`,
        `    logFormat: ${logFormat}`,
        "",
      ].join("\n"),
    ),
  );
  if (!only) throw new Error("no target");
  return only;
}

/** Names with quotes and commas; logoff of session 3 fails (the server does not have it). */
const sessions: ListedSession[] = [
  session("console", "admin", 1, "active", true),
  session('x"a,b', 'o"c,d', 2, "active"),
  session("rdp-tcp#3", "bob", 3, "disconnected"),
  session("rdp-tcp#4", "carol", 4, "active"),
  session("rdp-tcp", "", 65536, "listen"),
];
const listing = (remote: boolean) => ({
  stdout: renderQuerySession(remote ? sessions.map((s) => ({ ...s, current: false })) : sessions, {
    layout: "narrow",
    locale: "en",
  }),
  stderr: "",
  exitCode: 0,
});
const world: SessionWorldConfig = {
  servers: {
    "": { querySession: listing(false), sessionIds: [1, 2, 4, 65536] },
    rdsh02: { querySession: listing(true), sessionIds: [1, 2, 4, 65536] },
  },
};

const summary = [
  "this server: 1 logged off, 1 failed, 2 kept",
  "rdsh02: 2 logged off, 1 failed, 1 kept",
  "rdsh03: not listed, logged off nobody",
  "total: 3 logged off, 2 failed, 3 kept",
];

/** The run's one event: rdsh03 was not listed (exit 2), so an error, id 102, with the total. */
const event =
  "eventcreate /l APPLICATION /so rdlogoff /t ERROR /id 102 /d rdlogoff farm: total: 3 logged off, 2 failed, 3 kept";

/**
 * The fields of RFC 4180 rows: quoted fields with "" for a quote, or bare ones. Rows end in
 * CRLF, or LF where pwsh runs on Linux (Add-Content ends lines as the system does).
 */
function csvRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map((line) => {
      const fields: string[] = [];
      const field = /("(?:[^"]|"")*"|[^,"]*)(,|$)/y;
      for (let match = field.exec(line); match; match = field.exec(line)) {
        const [whole, value = "", separator] = match;
        fields.push(value.startsWith('"') ? value.slice(1, -1).replace(/""/g, '"') : value);
        if (separator === "" || whole === "") break;
      }
      expect(field.lastIndex === 0 || field.lastIndex === line.length, line).toBe(true);
      return fields;
    });
}

/**
 * The CSV rows a run must write, without their time: the header, a row per logoff, one for
 * the server not listed, then the summary's; `quote` is what a quote in a name becomes.
 */
function expectedRows(quote: string): string[][] {
  const n = (name: string) => name.replace(/"/g, quote);
  return [
    ["time", "server", "session id", "user", "session name", "action", "result"],
    ["this server", "2", n('o"c,d'), n('x"a,b'), "logoff", "ok"],
    ["this server", "3", "bob", "rdp-tcp#3", "logoff", "failed"],
    ["rdsh02", "1", "admin", "console", "logoff", "ok"],
    ["rdsh02", "2", n('o"c,d'), n('x"a,b'), "logoff", "ok"],
    ["rdsh02", "3", "bob", "rdp-tcp#3", "logoff", "failed"],
    // rdsh03 is not in the world: its query fails as a server that does not answer does.
    ["rdsh03", "", "", "", "list", "the RPC server is unavailable"],
    ...summary.map((line) => {
      const [server = "", result = ""] = line.split(": ");
      return [server, "", "", "", "summary", result];
    }),
  ].map((row, i) => (i === 0 ? row : ["", ...row]));
}

/** The rows as read, each row's time left out (its format is the shell's). */
const withoutTime = (rows: string[][]): string[][] =>
  rows.map((row, i) => (i === 0 ? row : ["", ...row.slice(1)]));

function lastLines(stdout: string, count: number): string[] {
  return stdout
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .slice(-count);
}

const simLog = "C:\\rdlogoff\\runs.csv";

describe("run summary and CSV log", () => {
  it("batch simulator: a line per server and a total, and CSV rows whose quotes became ^", () => {
    const script = renderBatch(plan(simLog, "csv")).bytes.toString("latin1");
    const result = simulateBatch(script, createSessionWorld(world), {
      scriptPath: "C:\\rdlogoff\\farm.bat",
      env: { COMPUTERNAME: "RDSH01" },
    });
    expect(result.exitCode).toBe(2);
    expect(lastLines(result.stdout, 4)).toEqual(summary);
    expect(result.calls.at(-1)).toBe(event);
    const csv = result.files[simLog] ?? "";
    expect(withoutTime(csvRows(csv))).toEqual(expectedRows("^"));
  });

  it("PowerShell simulator: the same lines, and CSV rows that keep the quotes", async () => {
    const script = renderPowerShell(plan(simLog, "csv")).bytes.toString("latin1");
    const result = await simulatePowerShell(script, powerShellWorld(world));
    expect(result.exitCode).toBe(2);
    expect(lastLines(result.stdout, 4)).toEqual(summary);
    expect(result.calls.at(-1)).toBe(event);
    const csv = result.files[simLog] ?? "";
    expect(withoutTime(csvRows(csv))).toEqual(expectedRows('"'));
  });

  it("a dry run says would log off, and the text log ends with the summary", async () => {
    const dry = plan(simLog, "text");
    const dryPlan = { ...dry, run: { ...dry.run, dryRun: true } };
    const dryLines = [
      "this server: 2 would log off, 2 kept",
      "rdsh02: 3 would log off, 1 kept",
      "rdsh03: not listed, logged off nobody",
      "total: 5 would log off, 3 kept",
    ];
    const bat = simulateBatch(
      renderBatch(dryPlan).bytes.toString("latin1"),
      createSessionWorld(world),
      { scriptPath: "C:\\rdlogoff\\farm.bat", env: { COMPUTERNAME: "RDSH01" } },
    );
    const ps = await simulatePowerShell(
      renderPowerShell(dryPlan).bytes.toString("latin1"),
      powerShellWorld(world),
    );
    for (const result of [bat, ps]) {
      expect(lastLines(result.stdout, 4)).toEqual(dryLines);
      const log = lastLines(result.files[simLog] ?? "", 4);
      expect(log.map((line) => line.replace(/^.* summary server=/, ""))).toEqual(
        dryLines.map((line) => line.replace(": ", " ")),
      );
    }
  });
});

describe.skipIf(!wineGate())("run summary and CSV log under Wine", () => {
  it("the simulator's summary and rows", async () => {
    const log = path.join(logDir, "wine.csv");
    const script = renderBatch(plan(windowsPath(log), "csv")).bytes.toString("latin1");
    const { run } = await runUnderWineAgreeing(script, world, {}, (r) => r.exitCode === 2);
    expect(run.exitCode).toBe(2);
    expect(lastLines(run.stdout, 4)).toEqual(summary);
    expect(run.calls.at(-1)).toBe(event);
    const csv = readFileSync(log, "latin1");
    expect(withoutTime(csvRows(csv))).toEqual(expectedRows("^"));
  });
});

describe.skipIf(!pwshGate())("run summary and CSV log under pwsh", () => {
  it("the simulator's summary and rows", async () => {
    const script = renderPowerShell(plan(simLog, "csv")).bytes.toString("latin1");
    const [run] = await runUnderPwsh([
      { script, world, computerName: "RDSH01", currentSessionId: 1, directories: ["C:\\rdlogoff"] },
    ]);
    expect(run?.exitCode).toBe(2);
    expect(lastLines(run?.stdout ?? "", 4)).toEqual(summary);
    expect(run?.calls.at(-1)).toBe(event);
    const csv = run?.files[simLog] ?? "";
    expect(withoutTime(csvRows(csv))).toEqual(expectedRows('"'));
  });
});

/** A log in a folder that does not exist: found before any server is listed, and its event. */
describe("a log that cannot be written: exit 2 before anything is done", () => {
  const missing = "C:\\no-such-folder\\runs.log";
  // Nothing is listed; the run's one event says why it stopped.
  const refused = (result: { calls: readonly string[]; exitCode: number }) => {
    expect(result.exitCode).toBe(2);
    expect(result.calls).toEqual([
      "eventcreate /l APPLICATION /so rdlogoff /t ERROR /id 102 /d rdlogoff farm: logged off nobody: the log file cannot be written",
    ]);
  };

  it("batch simulator", () => {
    const script = renderBatch(plan(missing, "text")).bytes.toString("latin1");
    const result = simulateBatch(script, createSessionWorld({ ...world, folders: [] }), {
      scriptPath: "C:\\rdlogoff\\farm.bat",
    });
    refused(result);
    expect(result.stderr).toContain("the log file cannot be written");
  });

  it("PowerShell simulator", async () => {
    const script = renderPowerShell(plan(missing, "csv")).bytes.toString("latin1");
    const result = await simulatePowerShell(script, powerShellWorld({ ...world, folders: [] }));
    refused(result);
    expect(result.stdout + result.stderr).toContain("the log file cannot be written");
  });

  it.skipIf(!wineGate())("under Wine", async () => {
    const log = windowsPath(path.join(logDir, "no-such-folder", "runs.log"));
    const script = renderBatch(plan(log, "text")).bytes.toString("latin1");
    const { run } = await runUnderWineAgreeing(script, world, {}, (r) => r.exitCode === 2);
    refused(run);
  });

  it.skipIf(!pwshGate())("under pwsh", async () => {
    const script = renderPowerShell(plan(missing, "csv")).bytes.toString("latin1");
    const [run] = await runUnderPwsh([
      { script, world, computerName: "RDSH01", currentSessionId: 1, directories: ["C:\\rdlogoff"] },
    ]);
    refused(run ?? { calls: ["no run"], exitCode: -1 });
  });
});
