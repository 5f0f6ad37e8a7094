/**
 * The warn-then-log-off flow when the server changes during the wait: the re-check after the
 * warning logs off a session only when it is the one warned (the same server, id, user and
 * session name) and it is still selected (a user back at the keyboard is no longer idle).
 * Each case runs through both simulators, and (with waitSeconds 0, so Wine's timeout.exe does
 * not really wait) under Wine's cmd.exe and real pwsh, which must make the same calls.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderBatch } from "../../src/emit/batch.js";
import { renderPowerShell } from "../../src/emit/powershell.js";
import { parseOptions } from "../../src/options/load.js";
import { packageRoot } from "../../src/paths.js";
import { planOptions, type LogoffPlan } from "../../src/plan/plan.js";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { simulatePowerShell } from "../../src/simulate/powershell/index.js";
import type { ProcessResult } from "../../src/simulate/types.js";
import { createSessionWorld, type SessionWorldConfig } from "../../src/simulate/world.js";
import type { ListedSession } from "../../src/validate/reference.js";
import { renderQuerySession, session } from "../support/listings.js";
import { pwshGate } from "../oracle/pwsh.js";
import { wineGate } from "../oracle/wine.js";
import {
  expectPwshAsSimulated,
  expectWineAsSimulated,
  idsOf,
  powerShellWorld,
} from "../support/agreement.js";

const optionsFile = path.join(packageRoot, "test/golden/options.yml");
const plans = planOptions(
  parseOptions(readFileSync(optionsFile, "utf8"), optionsFile, "options.yml"),
);

function planNamed(target: string): LogoffPlan {
  const plan = plans.find((p) => p.target === target);
  if (!plan) throw new Error(`test/golden/options.yml has no target ${target}`);
  return plan;
}

function output(stdout: string): ProcessResult {
  return { stdout, stderr: "", exitCode: 0 };
}

function sessionListing(sessions: ListedSession[]): ProcessResult {
  return output(renderQuerySession(sessions, { layout: "narrow", locale: "en" }));
}

interface UserRow {
  user: string;
  name: string;
  id: number;
  state: string;
  idle: string;
  current?: boolean;
}

/** What `query user` prints (narrow grid: ID ends at 43, IDLE TIME at 62). */
function userListing(rows: UserRow[]): ProcessResult {
  const lines = [" USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME"];
  for (const r of rows) {
    const left = `${r.current ? ">" : " "}${r.user.padEnd(22)}${r.name.padEnd(15)}`;
    lines.push(
      `${left}${String(r.id).padStart(6)}  ${r.state.padEnd(6)}${r.idle.padStart(11)}  1/1/2024 8:00 AM`,
    );
  }
  return output(lines.map((line) => `${line}\r\n`).join(""));
}

/** Before the wait: the admin's console (current), three users, the listener. */
const before: ListedSession[] = [
  session("console", "admin", 1, "active", true),
  session("rdp-tcp#5", "alice", 2, "active"),
  session("", "bob", 3, "disconnected"),
  session("rdp-tcp#7", "carol", 4, "active"),
  session("rdp-tcp", "", 65536, "listen"),
];

/**
 * After the wait: alice logged off and mallory got id 2; carol reconnected (a new session
 * name on the same id); dave is new; bob is unchanged.
 */
const afterReuse: ListedSession[] = [
  ...before.map((s) =>
    s.id === 2
      ? session("rdp-tcp#8", "mallory", 2, "active")
      : s.id === 4
        ? { ...s, name: "rdp-tcp#9" }
        : s,
  ),
  session("rdp-tcp#10", "dave", 5, "active"),
];

/** The same users as before the wait; only their idle times change. */
const idleBefore: UserRow[] = [
  { user: "admin", name: "console", id: 1, state: "Active", idle: "none", current: true },
  { user: "alice", name: "rdp-tcp#5", id: 2, state: "Active", idle: "45" },
  { user: "bob", name: "", id: 3, state: "Disc", idle: "1+02:03" },
  { user: "carol", name: "rdp-tcp#7", id: 4, state: "Active", idle: "5" },
];
/** alice came back during the wait; bob is still away. */
const idleAfter: UserRow[] = idleBefore.map((row) =>
  row.user === "alice" ? { ...row, idle: "." } : row,
);

interface FlowCase {
  name: string;
  target: string;
  world: SessionWorldConfig;
  /** Names with `!`: Wine 8 rescans a !var! value (test/oracle/WINE-DIVERGENCES.md), so not run there. */
  bangNames?: boolean;
  /** The sessions messaged (the Active ones picked), and the sessions logged off after the wait. */
  messaged: number[];
  loggedOff: number[];
}

const ids = [1, 2, 3, 4, 5, 65536];

/**
 * Sessions 2 and 3 (rdp-tcp#5 and #6) warned under the users `before`, re-checked under the
 * users `after`: only session 2 is still the same user.
 */
function namesCase(
  name: string,
  before: [string, string],
  after: [string, string],
  bangNames: boolean,
): FlowCase {
  const listing = (users: [string, string]) =>
    sessionListing([
      session("console", "admin", 1, "active", true),
      session("rdp-tcp#5", users[0], 2, "active"),
      session("rdp-tcp#6", users[1], 3, "active"),
    ]);
  return {
    name,
    target: "warn-then-log-off",
    world: {
      servers: { "": { querySession: [listing(before), listing(after)], sessionIds: ids } },
    },
    messaged: [2, 3],
    loggedOff: [2],
    bangNames,
  };
}

const cases: FlowCase[] = [
  {
    name: "an id reused by another user, a reconnect under a new session name",
    target: "warn-then-log-off",
    world: {
      servers: {
        "": { querySession: [sessionListing(before), sessionListing(afterReuse)], sessionIds: ids },
      },
    },
    messaged: [2, 4],
    loggedOff: [3],
  },
  {
    name: "an idle user comes back during the wait",
    target: "warn-idle-then-log-off",
    world: {
      servers: {
        "": {
          querySession: sessionListing(before),
          queryUser: [userListing(idleBefore), userListing(idleAfter)],
          sessionIds: ids,
        },
      },
    },
    messaged: [2],
    loggedOff: [3],
  },
  {
    name: "an id reused by another user who is idle too",
    target: "warn-idle-then-log-off",
    world: {
      servers: {
        "": {
          querySession: [sessionListing(before), sessionListing(afterReuse)],
          queryUser: [
            userListing(idleBefore),
            userListing([
              ...idleBefore.map((row) =>
                row.id === 2 ? { ...row, user: "mallory", name: "rdp-tcp#8", idle: "50" } : row,
              ),
            ]),
          ],
          sessionIds: ids,
        },
      },
    },
    messaged: [2],
    loggedOff: [3],
  },
  // No % in names: Wine 8 re-expands it (test/oracle/WINE-DIVERGENCES.md).
  namesCase(
    "names with !: the same user is logged off, another is not",
    ["a&b!c^d", "x!y!z"],
    ["a&b!c^d", "x!q!z"],
    true,
  ),
  namesCase(
    "names with & and ^ (case-insensitive): the same user is logged off, another is not",
    ["a&b^c", "x&y^z"],
    ["A&B^C", "x&y^q"],
    false,
  ),
  // On Windows if /i may compare by collation and ignore the soft hyphen: the .bat compares the
  // names' lengths too (neither simulator nor oracle ignores it, so this pins the outcome only).
  namesCase(
    "a soft hyphen after the wait makes another user",
    ["bob", "carol"],
    ["bob", "ca\u00adrol"],
    false,
  ),
];

function batchScript(target: string): string {
  return renderBatch(planNamed(target)).bytes.toString("latin1");
}

function powerShellScript(target: string): string {
  return renderPowerShell(planNamed(target)).bytes.toString("latin1");
}

describe("warn flow: the re-check logs off only the sessions warned and still selected", () => {
  it.each(cases)("batch simulator: $name", (c) => {
    const result = simulateBatch(batchScript(c.target), createSessionWorld(c.world));
    expect(result.exitCode).toBe(0);
    expect(idsOf(result.calls, "msg")).toEqual(c.messaged);
    expect(idsOf(result.calls, "logoff")).toEqual(c.loggedOff);
  });

  it.each(cases)("PowerShell simulator: $name", async (c) => {
    const result = await simulatePowerShell(powerShellScript(c.target), powerShellWorld(c.world));
    expect(result.exitCode).toBe(0);
    expect(idsOf(result.calls, "msg")).toEqual(c.messaged);
    expect(idsOf(result.calls, "logoff")).toEqual(c.loggedOff);
  });

  it("the unchanged world logs off every warned session (the re-check is not what keeps them)", () => {
    const world = createSessionWorld({
      servers: { "": { querySession: sessionListing(before), sessionIds: ids } },
    });
    expect(idsOf(simulateBatch(batchScript("warn-then-log-off"), world).calls, "logoff")).toEqual([
      2, 3, 4,
    ]);
  });
});

/** The target with a warning that waits 0 seconds: Wine's timeout.exe really waits. */
function batchScriptNoWait(target: string): string {
  const plan = planNamed(target);
  const warn = plan.run.warn;
  if (!warn) throw new Error(`${target} does not warn`);
  return renderBatch({
    ...plan,
    run: { ...plan.run, warn: { ...warn, waitSeconds: 0 } },
  }).bytes.toString("latin1");
}

describe.skipIf(!wineGate())("warn flow under Wine: the same calls as the simulator", () => {
  it.each(cases.filter((c) => !c.bangNames))("$name", async (c) => {
    await expectWineAsSimulated(batchScriptNoWait(c.target), c.world, c.loggedOff);
  });
});

describe.skipIf(!pwshGate())("warn flow under pwsh: the same calls as the simulator", () => {
  it("every case", async () => {
    await expectPwshAsSimulated(
      cases.map((c) => ({
        name: c.name,
        script: powerShellScript(c.target),
        world: c.world,
        loggedOff: c.loggedOff,
      })),
    );
  });
});

/** The warn target on this host and two other servers; waiting 0 seconds for the oracles. */
function farmPlan(waitSeconds = 300): LogoffPlan {
  const plan = planNamed("warn-then-log-off");
  const warn = { message: plan.run.warn?.message ?? "", waitSeconds };
  return { ...plan, run: { ...plan.run, servers: ["", "rdsh02", "rdsh03"], warn } };
}

/** The session ids a farm case logs off, in order. */
const farmLoggedOff = (c: FarmCase): number[] =>
  c.phases.flatMap((phase) => (phase.startsWith("logoff ") ? [Number(phase.slice(7))] : []));

/** The calls of a run as program names, with what the order of phases shows. */
function phases(calls: readonly string[]): string[] {
  return calls.flatMap((call) => {
    const program = (call.split(" ")[0] ?? "").toLowerCase().replace(/\.exe$/, "");
    if (program === "query") return [`list${/\/server:(\S+)/.exec(call)?.[1] ?? ""}`];
    if (program === "timeout" || program === "start-sleep") return ["wait"];
    if (program === "msg" || program === "logoff") return [call.split(" ").slice(0, 2).join(" ")];
    return [];
  });
}

interface FarmCase {
  name: string;
  world: SessionWorldConfig;
  phases: string[];
  exitCode: number;
}

const remote = (sessions: ListedSession[]) =>
  sessionListing(sessions.map((s) => ({ ...s, current: false })));
const disconnectedOnly: ListedSession[] = [
  session("console", "admin", 1, "active", true),
  session("", "bob", 3, "disconnected"),
];

const farmCases: FarmCase[] = [
  {
    name: "three servers: every warning, one wait, every server listed again, then the logoffs",
    world: {
      servers: {
        "": { querySession: sessionListing(before), sessionIds: ids },
        rdsh02: { querySession: [remote(before), remote(afterReuse)], sessionIds: ids },
        rdsh03: { querySession: remote(before), sessionIds: ids },
      },
    },
    phases: [
      "list",
      "msg 2",
      "msg 4",
      "listrdsh02",
      "msg 2",
      "msg 4",
      "listrdsh03",
      "msg 2",
      "msg 4",
      "wait",
      "list",
      "logoff 2",
      "logoff 3",
      "logoff 4",
      "listrdsh02",
      "logoff 3",
      "listrdsh03",
      "logoff 2",
      "logoff 3",
      "logoff 4",
    ],
    exitCode: 0,
  },
  {
    name: "nobody Active: no message and no wait, the disconnected session still goes",
    world: {
      servers: {
        "": { querySession: sessionListing(disconnectedOnly), sessionIds: ids },
        rdsh02: { querySession: remote(disconnectedOnly), sessionIds: ids },
        rdsh03: { querySession: remote(disconnectedOnly), sessionIds: ids },
      },
    },
    phases: [
      "list",
      "listrdsh02",
      "listrdsh03",
      "list",
      "logoff 3",
      "listrdsh02",
      "logoff 3",
      "listrdsh03",
      "logoff 3",
    ],
    exitCode: 0,
  },
];

describe("warn once across every server", () => {
  it.each(farmCases)("batch simulator: $name", (c) => {
    const script = renderBatch(farmPlan()).bytes.toString("latin1");
    const result = simulateBatch(script, createSessionWorld(c.world));
    expect(phases(result.calls)).toEqual(c.phases);
    expect(result.exitCode).toBe(c.exitCode);
  });

  it.each(farmCases)("PowerShell simulator: $name", async (c) => {
    const script = renderPowerShell(farmPlan()).bytes.toString("latin1");
    const result = await simulatePowerShell(script, powerShellWorld(c.world));
    expect(phases(result.calls)).toEqual(c.phases);
    expect(result.exitCode).toBe(c.exitCode);
  });
});

describe.skipIf(!wineGate())("warn once across every server under Wine", () => {
  it.each(farmCases)("$name", async (c) => {
    const script = renderBatch(farmPlan(0)).bytes.toString("latin1");
    await expectWineAsSimulated(script, c.world, farmLoggedOff(c));
  });
});

describe.skipIf(!pwshGate())("warn once across every server under pwsh", () => {
  it("every case", async () => {
    const script = renderPowerShell(farmPlan(0)).bytes.toString("latin1");
    await expectPwshAsSimulated(
      farmCases.map((c) => ({ name: c.name, script, world: c.world, loggedOff: farmLoggedOff(c) })),
    );
  });
});
