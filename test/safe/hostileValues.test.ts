/**
 * Text that reaches a safe script from a hostile listing or from an option value, and must stay
 * text: a `"` in a session or user name, an IDLE TIME that runs out of its column, a user name
 * with a soft hyphen, a `!` in the log path, a warning message ending in a backslash, and lines
 * longer than cmd.exe reads. Each case runs through the simulators and, where the oracle can
 * show it, under Wine's cmd.exe and real pwsh.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EmitError } from "../../src/emit/artifact.js";
import { batchLineLimit, renderBatch } from "../../src/emit/batch.js";
import { renderPowerShell } from "../../src/emit/powershell.js";
import { listFailureMessage } from "../../src/listing/listFailures.js";
import { planOptions, type LogoffPlan } from "../../src/plan/plan.js";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { simulatePowerShell } from "../../src/simulate/powershell/index.js";
import type { ProcessResult } from "../../src/simulate/types.js";
import { createSessionWorld, type SessionWorldConfig } from "../../src/simulate/world.js";
import type { ListedSession } from "../../src/validate/reference.js";
import { pwshGate } from "../oracle/pwsh.js";
import { loggedUnderWine, runUnderWineAgreeing, wineGate } from "../oracle/wine.js";
import {
  expectPwshAsSimulated,
  expectWineAsSimulated,
  idsOf,
  powerShellWorld,
} from "../support/agreement.js";
import { windowsPath } from "../oracle/wineRunner.js";
import { renderQuerySession, session } from "../support/listings.js";
import { optionsFromYaml } from "../support/options.js";

const logDir = mkdtempSync(path.join(tmpdir(), "rdl-hostile-log-"));
afterAll(() => rmSync(logDir, { recursive: true, force: true }));
/** A log file name that the old script expanded (`!RDL_WHERE!` became "this server"). */
const bangLogName = "runs!RDL_WHERE!.log";

const plans = planOptions(
  optionsFromYaml(
    [
      "targets:",
      "  - name: every-user",
      "  - name: not-x-sessions",
      '    excludeSessions: ["x*"]',
      "  - name: only-bob",
      "    onlyUsers: [bob]",
      "  - name: all-but-bob",
      "    excludeUsers: [bob]",
      "  - name: idle-30",
      "    idleMinutes: 30",
      "  - name: logged",
      "    formats: [bat]",
      `    log: '${windowsPath(path.join(logDir, bangLogName))}'`,
      "  - name: warn-backslash",
      "    formats: [bat]",
      "    warn: {message: 'Your files stay in C:\\Users\\', waitSeconds: 0}",
      "",
    ].join("\n"),
  ),
);

function planNamed(target: string): LogoffPlan {
  const plan = plans.find((p) => p.target === target);
  if (!plan) throw new Error(`no target ${target}`);
  return plan;
}

const batchScript = (target: string) => renderBatch(planNamed(target)).bytes.toString("latin1");
const powerShellScript = (target: string) =>
  renderPowerShell(planNamed(target)).bytes.toString("latin1");

const output = (stdout: string): ProcessResult => ({ stdout, stderr: "", exitCode: 0 });

const ids = [1, 2, 3, 4, 65536];

const notUnderstood = listFailureMessage("this server", "notUnderstood");

/** This server printing these sessions (narrow English layout), and `query user` when given. */
function localWorld(sessions: ListedSession[], queryUser?: ProcessResult): SessionWorldConfig {
  const querySession = output(renderQuerySession(sessions, { layout: "narrow", locale: "en" }));
  return {
    servers: { "": { querySession, ...(queryUser ? { queryUser } : {}), sessionIds: ids } },
  };
}

/** A listing whose names hold quotes placed to break out of `set "X=..."` and run calc. */
const quotedNames = localWorld([
  session("console", "admin", 1, "active", true),
  session('x"&calc', "alice", 2, "active"),
  session("rdp-tcp#3", 'o"&calc"&', 3, "active"),
  session("rdp-tcp#4", "bob", 4, "disconnected"),
  session('rdp"&calc', "", 65536, "listen"),
]);

/** What `query user` prints (narrow grid: ID ends at 43, IDLE TIME at 62), a row as given. */
function userListing(rows: string[]): ProcessResult {
  const header = " USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME";
  return output([header, ...rows].map((line) => `${line}\r\n`).join(""));
}

/**
 * quser of Server 2008 R2 printed `24692+13:29` from column 52, over the gap after STATE
 * (fixtures notes: quser-en-2020-from-2008r2-idle-overflow-bug): alice's time is not
 * understood and she is kept; carol's 45 minutes fit the column.
 */
const idleOverflow = localWorld(
  [
    session("console", "admin", 1, "active", true),
    session("rdp-tcp#5", "alice", 2, "active"),
    session("rdp-tcp#7", "carol", 3, "active"),
  ],
  userListing([
    ">admin                 console             1  Active      none  1/1/2024 8:00 AM",
    " alice                 rdp-tcp#5           2  Active  24692+13:29  1/1/2024 8:00 AM",
    " carol                 rdp-tcp#7           3  Active         45  1/1/2024 8:00 AM",
  ]),
);

/**
 * IDLE TIMEs that `set /a` cannot read (08 is not octal, 1+ lacks an operand) after one it can:
 * the .bat once kept alice's 500 minutes for carol and dave; they are not timed out.
 */
const idleUnreadable = localWorld(
  [
    session("console", "admin", 1, "active", true),
    session("rdp-tcp#5", "alice", 2, "active"),
    session("rdp-tcp#7", "carol", 3, "active"),
    session("rdp-tcp#8", "dave", 4, "active"),
  ],
  userListing([
    ">admin                 console             1  Active      none  1/1/2024 8:00 AM",
    " alice                 rdp-tcp#5           2  Active        500  1/1/2024 8:00 AM",
    " carol                 rdp-tcp#7           3  Active         08  1/1/2024 8:00 AM",
    " dave                  rdp-tcp#8           4  Active         1+  1/1/2024 8:00 AM",
  ]),
);

/** A user whose name is bob with a soft hyphen inside (the listing as a UTF-8 console shows it). */
const softHyphen = localWorld([
  session("console", "admin", 1, "active", true),
  session("rdp-tcp#2", "b\u00adob", 2, "active"),
  session("rdp-tcp#3", "bob", 3, "active"),
]);

/** This server printing these sessions and then lines that are not query's. */
function withLines(sessions: ListedSession[], lines: string[]): SessionWorldConfig {
  const listing = renderQuerySession(sessions, { layout: "narrow", locale: "en" });
  const querySession = output(listing + lines.map((line) => `${line}\r\n`).join(""));
  return { servers: { "": { querySession, sessionIds: ids } } };
}

const threeUsers = [
  session("console", "admin", 1, "active", true),
  session("rdp-tcp#5", "alice", 2, "active"),
  session("rdp-tcp#7", "carol", 3, "active"),
];

/** query user with session 2 on two rows (alice idle 45 minutes, carol 5): not query's. */
const quserDuplicateId = localWorld(
  threeUsers,
  userListing([
    ">admin                 console             1  Active      none  1/1/2024 8:00 AM",
    " alice                 rdp-tcp#5           2  Active         45  1/1/2024 8:00 AM",
    " carol                 rdp-tcp#7           2  Active          5  1/1/2024 8:00 AM",
  ]),
);

interface HostileCase {
  name: string;
  target: string;
  world: SessionWorldConfig;
  loggedOff: number[];
  /** The listing is not query's: nobody is logged off, and the script says so and exits 2. */
  failsClosed?: boolean;
  /** Bytes Wine's for /f cannot carry (it decodes in code page 437): simulators and pwsh only. */
  notUnderWine?: boolean;
}

const cases: HostileCase[] = [
  {
    name: "quotes in names: every user",
    target: "every-user",
    world: quotedNames,
    loggedOff: [2, 3, 4],
  },
  {
    name: "quotes in names: a session pattern still matches the quoted name",
    target: "not-x-sessions",
    world: quotedNames,
    loggedOff: [3, 4],
  },
  {
    name: "quotes in names: only bob",
    target: "only-bob",
    world: quotedNames,
    loggedOff: [4],
  },
  {
    name: "an idle time past its column is not understood",
    target: "idle-30",
    world: idleOverflow,
    loggedOff: [3],
  },
  {
    name: "an idle time set /a cannot read is not another row's",
    target: "idle-30",
    world: idleUnreadable,
    loggedOff: [2],
  },
  {
    name: "a soft hyphen makes another user: only bob",
    target: "only-bob",
    world: softHyphen,
    loggedOff: [3],
    notUnderWine: true,
  },
  {
    name: "a soft hyphen makes another user: all but bob",
    target: "all-but-bob",
    world: softHyphen,
    loggedOff: [2],
    notUnderWine: true,
  },
];

const failsClosed = (name: string, target: string, world: SessionWorldConfig): HostileCase => ({
  name,
  target,
  world,
  loggedOff: [],
  failsClosed: true,
});

cases.push(
  failsClosed("a session id on two rows of query user", "idle-30", quserDuplicateId),
  // for /f skips a line that starts with ; (its default end-of-line character).
  failsClosed("a listing line that starts with ;", "every-user", withLines(threeUsers, [";calc"])),
  failsClosed(
    "a listing line that starts with ; and reads as a footer",
    "every-user",
    withLines(threeUsers, [";Total sessions: 5"]),
  ),
  // The batch file once took a line `RDL-EXIT 0` for query's exit code.
  failsClosed(
    "a listing line that imitates the batch file's exit-code line",
    "every-user",
    withLines(threeUsers, ["RDL-EXIT 0"]),
  ),
  failsClosed(
    "a listing that ends in the batch file's end line",
    "every-user",
    withLines(threeUsers, ["RDL-END"]),
  ),
);

const programs = (calls: string[]) => [...new Set(calls.map((call) => call.split(" ")[0]))];

describe("hostile listing text stays text", () => {
  it.each(cases)("batch simulator: $name", (c) => {
    const result = simulateBatch(batchScript(c.target), createSessionWorld(c.world));
    expect(result.stderr).toBe(c.failsClosed ? `${notUnderstood}\r\n` : "");
    expect(result.exitCode).toBe(c.failsClosed ? 2 : 0);
    expect(idsOf(result.calls, "logoff")).toEqual(c.loggedOff);
  });

  it.each(cases)("PowerShell simulator: $name", async (c) => {
    const result = await simulatePowerShell(
      powerShellScript(c.target),
      powerShellWorld(c.world, 65001),
    );
    expect(result.stderr).toBe(c.failsClosed ? `${notUnderstood}\r\n` : "");
    expect(result.exitCode).toBe(c.failsClosed ? 2 : 0);
    expect(idsOf(result.calls, "logoff")).toEqual(c.loggedOff);
  });
});

describe.skipIf(!wineGate())("hostile listing text under Wine", () => {
  it.each(cases.filter((c) => !c.notUnderWine))("$name", async (c) => {
    const calls = await expectWineAsSimulated(batchScript(c.target), c.world, c.loggedOff);
    // Nothing but query and logoff ran: no text of the listing became a command.
    expect(programs(calls).filter((p) => p !== "query" && p !== "logoff")).toEqual([]);
  });

  it("a ! in the log path names the file as written", async () => {
    const world = quotedNames;
    const script = batchScript("logged");
    const simulated = simulateBatch(script, createSessionWorld(world), {
      files: { [windowsPath(path.join(logDir, "seed.txt"))]: "" },
    });
    expect(Object.keys(simulated.files).map((file) => file.split("\\").pop())).toContain(
      bangLogName,
    );
    const { run } = await runUnderWineAgreeing(script, world, {}, (r) => r.exitCode === 0);
    expect(run.exitCode).toBe(0);
    expect(readdirSync(logDir)).toEqual([bangLogName]);
    const lines = readFileSync(path.join(logDir, bangLogName), "latin1").trim().split(/\r?\n/);
    const logoffs = lines.filter((line) => !line.includes(" summary server="));
    expect(logoffs.map((line) => /id=(\d+)/.exec(line)?.[1])).toEqual(["2", "3", "4"]);
    expect(lines.slice(logoffs.length)).toHaveLength(2);
  });

  it("a warning message ending in a backslash reaches msg whole", async () => {
    const world = quotedNames;
    const script = batchScript("warn-backslash");
    const message = "Your files stay in C:\\Users\\";
    const simulated = simulateBatch(script, createSessionWorld(world));
    // bob's session 4 is disconnected: nobody reads a message there, so it gets none.
    expect(simulated.calls.filter((call) => call.startsWith("msg "))).toEqual([
      `msg 2 /time:0 ${message}`,
      `msg 3 /time:0 ${message}`,
    ]);
    const { run } = await runUnderWineAgreeing(
      script,
      world,
      {},
      (r) => JSON.stringify(r.calls) === JSON.stringify(loggedUnderWine(simulated.calls)),
    );
    expect(run.calls).toEqual(loggedUnderWine(simulated.calls));
  });
});

describe.skipIf(!pwshGate())("hostile listing text under pwsh", () => {
  it("every case", async () => {
    await expectPwshAsSimulated(
      cases.map((c) => ({
        name: c.name,
        script: powerShellScript(c.target),
        world: c.world,
        loggedOff: c.loggedOff,
        codePage: 65001,
      })),
    );
  });
});

describe("lines cmd.exe reads whole", () => {
  it("500 excluded users build, every line within the limit", () => {
    const users = Array.from({ length: 500 }, (_, i) => `user-with-a-long-name${i}`.slice(-20));
    const [plan] = planOptions(
      optionsFromYaml(`targets:\n  - name: many\n    excludeUsers: [${users.join(", ")}]\n`),
    );
    if (!plan) throw new Error("no plan");
    const lines = renderBatch(plan).bytes.toString("latin1").split("\r\n");
    // The summary is wrapped and each user has a line of its own: nowhere near 8,191.
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(200);
  });

  it("refuses a line over the limit, naming the option it holds", () => {
    const plan = { ...planNamed("every-user"), description: "d".repeat(batchLineLimit) };
    expect(() => renderBatch(plan)).toThrow(EmitError);
    expect(() => renderBatch(plan)).toThrow(
      /every-user\.bat:2 would be 8196 characters long; cmd\.exe reads 8191 characters of a line and runs the rest as a command: shorten description/,
    );
  });
});
