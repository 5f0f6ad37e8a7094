/**
 * Guards of the safe .bat against what a hostile review found (each failed before its fix):
 * a dry run on several servers logs each server's own users, a log path that is a folder is
 * no log, a run that cannot make a temp folder of its own (or make it its alone) lists nothing,
 * and a wait that did not happen logs off nobody.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderBatch } from "../../src/emit/batch.js";
import { renderPowerShell } from "../../src/emit/powershell.js";
import { planOptions, type LogoffPlan } from "../../src/plan/plan.js";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { simulatePowerShell } from "../../src/simulate/powershell/index.js";
import { createSessionWorld, type SessionWorldConfig } from "../../src/simulate/world.js";
import { idsOf, powerShellWorld } from "../support/agreement.js";
import { renderQuerySession, session } from "../support/listings.js";
import { optionsFromYaml } from "../support/options.js";
import { runUnderWine, wineGate } from "../oracle/wine.js";
import { windowsPath } from "../oracle/wineRunner.js";

const scratch = mkdtempSync(path.join(tmpdir(), "rdl-review-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function planFrom(yaml: string): LogoffPlan {
  const [plan] = planOptions(optionsFromYaml(yaml));
  if (!plan) throw new Error("no plan");
  return plan;
}

const listed = (stdout: string) => ({ stdout, stderr: "", exitCode: 0 });

/** Two servers whose session 2 belongs to different users: alice (Active) on srva, mallory on srvb. */
const twoServers: SessionWorldConfig = {
  servers: {
    srva: {
      querySession: listed(
        renderQuerySession(
          [session("console", "admin", 1, "active"), session("rdp-tcp#2", "alice", 2, "active")],
          { layout: "narrow", locale: "en" },
        ),
      ),
      sessionIds: [1, 2],
    },
    srvb: {
      querySession: listed(
        renderQuerySession(
          [
            session("console", "admin", 1, "active"),
            session("rdp-tcp#2", "mallory", 2, "disconnected"),
          ],
          { layout: "narrow", locale: "en" },
        ),
      ),
      sessionIds: [1, 2],
    },
  },
};

const dryRunWarnYaml = (log: string) =>
  [
    "targets:",
    "  - name: dry-warn",
    "    servers: [srva, srvb]",
    "    dryRun: true",
    `    log: '${log}'`,
    "    warn: {message: 'Save your work', waitSeconds: 5}",
    "",
  ].join("\n");

/** The log lines of logoffs (not the summary), as server=... id=... user=... */
const logoffLines = (log: string) =>
  log
    .split("\r\n")
    .filter((line) => / id=/.test(line))
    .map((line) => line.replace(/^.*? server=/, "server="));

describe("a dry run that warns on several servers logs each server's own users", () => {
  it("batch simulator: srva's session 2 is alice's, not the last server's mallory", () => {
    const plan = planFrom(dryRunWarnYaml("C:\\logs\\r.log"));
    const result = simulateBatch(
      renderBatch(plan).bytes.toString("latin1"),
      createSessionWorld({ ...twoServers, folders: ["C:\\logs"] }),
    );
    expect(logoffLines(result.files["C:\\logs\\r.log"] ?? "")).toEqual([
      "server=srva id=1 user=admin state=active result=dry-run",
      "server=srva id=2 user=alice state=active result=dry-run",
      "server=srvb id=1 user=admin state=active result=dry-run",
      "server=srvb id=2 user=mallory state=disconnected result=dry-run",
    ]);
  });

  it.skipIf(!wineGate())("Wine's cmd.exe: the same", async () => {
    const dir = path.join(scratch, "dry-warn");
    mkdirSync(dir);
    const plan = planFrom(dryRunWarnYaml(windowsPath(path.join(dir, "r.log"))));
    const run = await runUnderWine(renderBatch(plan).bytes.toString("latin1"), twoServers);
    expect(run.exitCode).toBe(0);
    expect(logoffLines(readFileSync(path.join(dir, "r.log"), "latin1"))).toEqual([
      "server=srva id=1 user=admin state=active result=dry-run",
      "server=srva id=2 user=alice state=active result=dry-run",
      "server=srvb id=1 user=admin state=active result=dry-run",
      "server=srvb id=2 user=mallory state=disconnected result=dry-run",
    ]);
  });
});

/** This server with alice's session to log off. */
const thisServer = (folders: string[]): SessionWorldConfig => ({
  servers: {
    "": {
      querySession: listed(
        renderQuerySession(
          [
            session("console", "admin", 1, "active", true),
            session("rdp-tcp#2", "alice", 2, "active"),
          ],
          { layout: "narrow", locale: "en" },
        ),
      ),
      sessionIds: [1, 2],
    },
  },
  folders,
});

const loggedYaml = (log: string) => `targets:\n  - name: logged\n    log: '${log}'\n`;

describe("a log path that names a folder cannot be written: nobody is logged off, exit 2", () => {
  const plan = planFrom(loggedYaml("C:\\logs\\r.log"));
  const world = thisServer(["C:\\logs", "C:\\logs\\r.log"]);

  it("batch simulator", () => {
    const result = simulateBatch(
      renderBatch(plan).bytes.toString("latin1"),
      createSessionWorld(world),
    );
    expect(idsOf(result.calls, "logoff")).toEqual([]);
    expect(result.exitCode).toBe(2);
  });

  it("PowerShell simulator (pwsh: Add-Content throws 'it is a directory')", async () => {
    const result = await simulatePowerShell(
      renderPowerShell(plan).bytes.toString("latin1"),
      powerShellWorld(world, 65001),
    );
    expect(idsOf(result.calls, "logoff")).toEqual([]);
    expect(result.exitCode).toBe(2);
  });

  it.skipIf(!wineGate())("Wine's cmd.exe", async () => {
    const dir = path.join(scratch, "log-folder", "r.log");
    mkdirSync(dir, { recursive: true });
    const wine = planFrom(loggedYaml(windowsPath(dir)));
    const run = await runUnderWine(renderBatch(wine).bytes.toString("latin1"), thisServer([]));
    expect(idsOf(run.calls, "logoff")).toEqual([]);
    expect(run.exitCode).toBe(2);
  });
});

describe("a run that cannot claim a folder of its own under %TEMP% lists nothing", () => {
  const plan = planFrom("targets:\n  - name: all\n");
  const script = renderBatch(plan).bytes.toString("latin1");
  // The script with a line that shows each folder it tries: used only to learn the names.
  const traced = script.replace(
    'md "%RDL_TMP%" 2>nul',
    'md "%RDL_TMP%" 2>nul\r\necho try %RDL_TMP%',
  );
  const world = () => createSessionWorld(thisServer([]));

  it("batch simulator: the 20 names it draws are taken (another user made them): exit 2, nobody logged off, their folders kept", () => {
    // Folders made by someone else under the names the run draws, one by one.
    const files: Record<string, string> = {};
    for (let k = 0; k < 20; k++) {
      const tries = simulateBatch(traced, world(), { files })
        .stdout.split("\r\n")
        .filter((line) => line.startsWith("try "));
      files[`${(tries.at(-1) ?? "").slice(4)}\\planted.txt`] = "not this run's";
    }
    const result = simulateBatch(script, world(), { files });
    expect(idsOf(result.calls, "logoff")).toEqual([]);
    expect(result.exitCode).toBe(2);
    expect(Object.keys(result.files)).toHaveLength(20);
  });
});

/**
 * timeout.exe exits at once, with an error, when it cannot wait: on Windows when its standard
 * input is not a console ("ERROR: Input redirection is not supported, exiting the process
 * immediately": an agent, PsExec, a CI runner), here when the program is missing. The warned
 * users must not be logged off without their wait.
 */
describe("a wait that did not happen logs off nobody who was warned", () => {
  const plan = planFrom(
    "targets:\n  - name: maint\n    warn: {message: 'Maintenance in 5 minutes: save your work', waitSeconds: 300}\n",
  );
  const world: SessionWorldConfig = {
    ...thisServer([]),
    missingPrograms: ["timeout"],
  };

  it("batch simulator", () => {
    const result = simulateBatch(
      renderBatch(plan).bytes.toString("latin1"),
      createSessionWorld(world),
    );
    expect(idsOf(result.calls, "msg")).toEqual([2]);
    expect(idsOf(result.calls, "logoff")).toEqual([]);
    expect(result.exitCode).toBe(2);
  });
});

/**
 * The run's temp folder inherits C:\Windows\Temp's permissions, which let every user create
 * files in it: the script gives it to SYSTEM and the Administrators alone before query writes
 * there, and a run that cannot do so lists nothing and leaves no folder behind.
 */
describe("a temp folder that cannot be made the run's alone lists nothing", () => {
  const plan = planFrom("targets:\n  - name: all\n");

  it("batch simulator, without icacls", () => {
    const result = simulateBatch(
      renderBatch(plan).bytes.toString("latin1"),
      createSessionWorld({ ...thisServer([]), missingPrograms: ["icacls"] }),
    );
    expect(result.calls).toEqual([]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("no folder of this run's own could be made");
    expect(Object.keys(result.files)).toEqual([]);
  });
});
