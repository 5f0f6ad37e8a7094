/**
 * Why a server's sessions could not be listed, told apart by both safe scripts (issue 12, item
 * 3): query.exe missing, access denied, the RPC server unavailable, or a listing not understood.
 * Each leaves nobody logged off there, exits 2, and says which it was on stderr and in the log.
 * The simulators run every case; Wine's cmd.exe and real pwsh run them with the stand-ins, a
 * missing query.exe being the one %SystemRoot%\Sysnative\ names there (PROCESSOR_ARCHITEW6432
 * set, as for a 32-bit process), which neither oracle host has.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { renderBatch } from "../../src/emit/batch.js";
import {
  listFailureMessage,
  listFailureReasons,
  type ListFailure,
} from "../../src/listing/listFailures.js";
import { renderPowerShell } from "../../src/emit/powershell.js";
import { encodeOem } from "../../src/listing/index.js";
import { planOptions } from "../../src/plan/plan.js";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { simulatePowerShell } from "../../src/simulate/powershell/index.js";
import type { ProcessResult, SimulationResult } from "../../src/simulate/types.js";
import {
  createSessionWorld,
  rpcUnavailableText,
  type SessionWorldConfig,
} from "../../src/simulate/world.js";
import { pwshGate, runUnderPwsh, type PwshRun } from "../oracle/pwsh.js";
import { runUnderWineAgreeing, wineGate } from "../oracle/wine.js";
import { idsOf } from "../support/agreement.js";
import { renderQuerySession } from "../support/listings.js";
import { optionsFromYaml } from "../support/options.js";

const [plan, oraclePlan] = planOptions(
  optionsFromYaml(
    [
      "targets:",
      "  - name: all",
      "    servers: [rdsh02, rdsh03]",
      "    log: C:\\rdlogoff\\all.log",
      "  - name: all-oracle",
      "    servers: [rdsh02, rdsh03]",
    ].join("\n"),
  ),
);
if (!plan || !oraclePlan) throw new Error("no plans");

const listing: ProcessResult = {
  stdout: renderQuerySession(
    [{ name: "rdp-tcp#2", user: "alice", id: 2, state: "active", current: false }],
    { layout: "narrow", locale: "en" },
  ),
  stderr: "",
  exitCode: 0,
};

/** What query prints when it fails: its error text on stderr, exit code 1. */
const failing = (stderr: string): ProcessResult => ({ stdout: "", stderr, exitCode: 1 });

/** Access denied as query prints it in English, and in Russian in the console's CP866 bytes. */
const accessDenied = "Error 0x00000005 enumerating sessionnames\r\nError [5]:Access is denied.\r\n";
const accessDeniedRu = encodeOem(
  "Ошибка 0x00000005 перечисления сеансов\r\nОшибка [5]:Отказано в доступе.\r\n",
  "cp866",
);

/** rdsh02 answers as each case says; rdsh03 lists alice, who is logged off. */
const cases: { name: string; failure: ListFailure; rdsh02?: ProcessResult; missing?: boolean }[] = [
  { name: "query.exe missing", failure: "queryMissing", missing: true },
  { name: "access denied", failure: "accessDenied", rdsh02: failing(accessDenied) },
  {
    name: "access denied, the code in hex only",
    failure: "accessDenied",
    rdsh02: failing("Error 0x00000005 enumerating sessionnames\r\n"),
  },
  {
    name: "access denied in another language",
    failure: "accessDenied",
    rdsh02: failing(accessDeniedRu),
  },
  {
    name: "the RPC server unavailable",
    failure: "rpcUnavailable",
    rdsh02: failing(rpcUnavailableText),
  },
  {
    name: "another error",
    failure: "notUnderstood",
    rdsh02: failing("No session exists for *\r\n"),
  },
  {
    name: "a listing from a query that failed",
    failure: "notUnderstood",
    rdsh02: { ...listing, exitCode: 1 },
  },
  {
    name: "a listing not understood",
    failure: "notUnderstood",
    rdsh02: { stdout: "garbage\r\n", stderr: "", exitCode: 0 },
  },
];

function worldOf(c: (typeof cases)[number]): SessionWorldConfig {
  const servers: SessionWorldConfig["servers"] = {
    rdsh03: { querySession: listing, sessionIds: [2] },
  };
  if (c.rdsh02) servers.rdsh02 = { querySession: c.rdsh02, sessionIds: [2] };
  // A missing query.exe fails on every server: rdsh03's listing is never read.
  return c.missing ? { servers, missingPrograms: ["query"] } : { servers };
}

const logOf = (files: Record<string, string>): string =>
  Object.entries(files).find(([name]) => /all\.log$/i.test(name))?.[1] ?? "";

describe.each(cases)("$name", (c) => {
  const failed = c.missing ? ["rdsh02", "rdsh03"] : ["rdsh02"];
  const loggedOff = c.missing ? [] : ["logoff 2 /server:rdsh03"];
  const check = (result: SimulationResult): void => {
    expect(result.calls.filter((call) => call.startsWith("logoff"))).toEqual(loggedOff);
    expect(result.exitCode).toBe(2);
    for (const server of failed) {
      expect(result.stderr).toContain(listFailureMessage(server, c.failure));
      expect(logOf(result.files)).toContain(
        `server=${server} result=not-listed reason=${listFailureReasons[c.failure]}`,
      );
    }
  };

  it("batch: names it on stderr and in the log, logs off nobody there, exits 2", () => {
    const script = renderBatch(plan).bytes.toString("latin1");
    check(
      simulateBatch(script, createSessionWorld(worldOf(c)), { env: { COMPUTERNAME: "RDSH01" } }),
    );
  });

  it("PowerShell: names it on stderr and in the log, logs off nobody there, exits 2", async () => {
    const script = renderPowerShell(plan).bytes.toString("latin1");
    check(
      await simulatePowerShell(script, {
        ...worldOf(c),
        computerName: "RDSH01",
        currentSessionId: 1,
        consoleCodePage: 866,
      }),
    );
  });
});

/** The oracles' world: the stand-in query.exe exists, so a case of a missing one names Sysnative. */
function oracleWorld(c: (typeof cases)[number]): SessionWorldConfig {
  return { servers: worldOf(c).servers };
}

describe.skipIf(!wineGate())("under Wine", () => {
  it.each(cases)("$name", async (c) => {
    const script = renderBatch(oraclePlan).bytes.toString("latin1");
    const servers = c.missing ? ["rdsh02", "rdsh03"] : ["rdsh02"];
    const told = (stderr: string): boolean =>
      servers.every((server) => stderr.includes(listFailureMessage(server, c.failure)));
    // A variable set before the script's own lines is in the environment the script starts with.
    // A run that says otherwise runs again once (Wine once started no query.exe, errorlevel 9009).
    const { run } = await runUnderWineAgreeing(
      c.missing ? `@set "PROCESSOR_ARCHITEW6432=AMD64"\r\n${script}` : script,
      oracleWorld(c),
      {},
      (r) => r.exitCode === 2 && told(r.stderr),
    );
    expect(idsOf(run.calls, "logoff")).toEqual(c.missing ? [] : [2]);
    expect(run.exitCode).toBe(2);
    for (const server of servers) {
      expect(run.stderr).toContain(listFailureMessage(server, c.failure));
    }
  });
});

describe.skipIf(!pwshGate())("under pwsh", () => {
  // Every case in one pwsh process (test/oracle/pwshRunner.js), as a Windows console in CP866.
  let runs: PwshRun[] = [];
  beforeAll(async () => {
    const script = renderPowerShell(oraclePlan).bytes.toString("latin1");
    runs = await runUnderPwsh(
      cases.map((c) => ({
        script,
        world: oracleWorld(c),
        computerName: "RDSH01",
        currentSessionId: 1,
        codePage: 866,
        ...(c.missing ? { env: { PROCESSOR_ARCHITEW6432: "AMD64" } } : {}),
      })),
    );
  });

  it.each(cases.map((c, n) => ({ ...c, n })))("$name", (c) => {
    const run = runs[c.n];
    if (!run) throw new Error(`no pwsh run for ${c.name}`);
    expect(idsOf(run.calls, "logoff")).toEqual(c.missing ? [] : [2]);
    expect(run.exitCode).toBe(2);
    for (const server of c.missing ? ["rdsh02", "rdsh03"] : ["rdsh02"]) {
      expect(run.consoleError).toContain(listFailureMessage(server, c.failure));
    }
  });
});
