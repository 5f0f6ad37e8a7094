import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Artifact } from "../emit/artifact.js";
import type { ConsoleCodePage } from "../listing/codePages.js";
import { fixturesDir } from "../paths.js";
import {
  simulatePowerShell,
  type PowerShellWorldConfig,
  type RdUserSession,
} from "../simulate/powershell/index.js";
import {
  listFixtures,
  loadListingFixture,
  type FixtureEncoding,
  type ListingFixture,
} from "../listing/fixtures.js";
import type { CanonicalState } from "../options/states.js";
import type { Locale } from "../options/types.js";
import type { LogoffPlan } from "../plan/plan.js";
import { simulateBatch } from "../simulate/batch/index.js";
import { StepLimitError, type SimulationResult } from "../simulate/types.js";
import { createSessionWorld, type SessionWorldConfig } from "../simulate/world.js";
import { checkLogoffInvariants, type InvariantViolation } from "./invariants.js";
import type { ServerSnapshot } from "./reference.js";

/** What `query user` prints on a server where the fixtures record no quser listing. */
const noQueryUser = { stdout: "", stderr: "No User exists for *\r\n", exitCode: 1 };

let fixtures: Promise<ListingFixture[]> | undefined;

/** Every recorded `query session` listing under fixtures/, loaded once and checked against its sidecar. */
export function querySessionFixtures(): Promise<ListingFixture[]> {
  fixtures ??= (async () =>
    Promise.all((await listFixtures("query-session")).map(loadListingFixture)))();
  return fixtures;
}

const locales: readonly string[] = ["en", "de", "fr", "es", "it", "ru"];

/** The servers a plan queries: its `servers`, or the local server (""). */
export function planServers(plan: LogoffPlan): string[] {
  return plan.selection.servers.length > 0
    ? plan.selection.servers.map((s) => s.toLowerCase())
    : [""];
}

/** What the fixture's sidecar says a server shows, for the reference selector and the invariants. */
export function snapshotOf(fixture: ListingFixture, server: string): ServerSnapshot {
  const locale = fixture.source.locale.slice(0, 2);
  return {
    server,
    sessions:
      fixture.truth.kind === "listing"
        ? fixture.truth.sessions.map((s) => ({
            name: s.name,
            user: s.user,
            id: s.id,
            state: (s.state ?? undefined) as CanonicalState | undefined,
            current: s.current,
          }))
        : undefined,
    locale: locales.includes(locale) ? (locale as Locale) : undefined,
  };
}

/** The simulated world where every server of the plan shows the fixture. */
export function fixtureWorld(
  fixture: ListingFixture,
  servers: readonly string[],
): SessionWorldConfig {
  const sessionIds =
    fixture.truth.kind === "listing" ? fixture.truth.sessions.map((s) => s.id) : [];
  return {
    servers: Object.fromEntries(
      servers.map((server) => [
        server,
        { querySession: fixture.result, queryUser: noQueryUser, sessionIds },
      ]),
    ),
  };
}

/** One artifact run on one fixture. */
export interface FixtureRun {
  fixture: string;
  calls: string[];
  /** The script's console output (dry-run lines go there). */
  stdout: string;
  exitCode: number;
  violations: InvariantViolation[];
  /** Set when the run hit its step bound. */
  stepLimit?: string;
}

/** Runs a batch artifact against a fixture (on each of the plan's servers) and checks the invariants. */
export function runBatchOnFixture(
  artifact: Artifact,
  plan: LogoffPlan,
  fixture: ListingFixture,
): FixtureRun {
  const servers = planServers(plan);
  const world = createSessionWorld(fixtureWorld(fixture, servers));
  try {
    const result = simulateBatch(artifact.bytes.toString("latin1"), world, {
      scriptPath: `C:\\rdlogoff\\${artifact.fileName}`,
    });
    return listingRun(fixture, plan, servers, result);
  } catch (error) {
    return stepLimitRun(fixture.name, error);
  }
}

/** A run on a listing, with the invariants checked against what its sidecar says. */
function listingRun(
  fixture: ListingFixture,
  plan: LogoffPlan,
  servers: readonly string[],
  result: SimulationResult,
): FixtureRun {
  const snapshots = servers.map((server) => snapshotOf(fixture, server));
  return {
    fixture: fixture.name,
    calls: result.calls,
    stdout: result.stdout,
    exitCode: result.exitCode,
    violations: checkLogoffInvariants(result.calls, snapshots, plan.selection),
  };
}

/** A run that never ended: reported as such; any other error is a bug and rethrown. */
function stepLimitRun(fixture: string, error: unknown): FixtureRun {
  if (!(error instanceof StepLimitError)) throw error;
  return { fixture, calls: [], stdout: "", exitCode: -1, violations: [], stepLimit: error.message };
}

/** The computer the simulated PowerShell runs on, and its broker-side short name. */
export const simulatedComputerName = "RDSH01";

/**
 * The code page of the console a listing was printed on: its OEM code page, 65001 for a UTF-8
 * copy (a console after `chcp 65001`), and 437 (US English) for an ASCII one or an error text.
 */
export function consoleCodePageOf(fixture: ListingFixture): ConsoleCodePage {
  const truth = fixture.truth;
  if (truth.kind !== "listing") return 437;
  return consoleCodePages[truth.encoding];
}

const consoleCodePages: Record<FixtureEncoding, ConsoleCodePage> = {
  ascii: 437,
  "utf-8": 65001,
  cp850: 850,
  cp866: 866,
};

/**
 * The world of a .ps1 run in query mode (no RemoteDesktop module) on a listing: every server
 * of the plan shows the fixture, on a console of the listing's code page, as the session the
 * listing marks current.
 */
export function powerShellListingWorld(
  plan: LogoffPlan,
  fixture: ListingFixture,
): PowerShellWorldConfig {
  const current =
    fixture.truth.kind === "listing" ? fixture.truth.sessions.find((s) => s.current) : undefined;
  return {
    ...fixtureWorld(fixture, planServers(plan)),
    computerName: simulatedComputerName,
    currentSessionId: current?.id ?? 0,
    consoleCodePage: consoleCodePageOf(fixture),
  };
}

/** Runs a .ps1 artifact in query mode (no RemoteDesktop module) against a listing. */
export async function runPowerShellOnFixture(
  artifact: Artifact,
  plan: LogoffPlan,
  fixture: ListingFixture,
  args: string[] = [],
): Promise<FixtureRun> {
  try {
    const result = await simulatePowerShell(
      artifact.bytes.toString("latin1"),
      powerShellListingWorld(plan, fixture),
      { args, scriptName: artifact.fileName },
    );
    return listingRun(fixture, plan, planServers(plan), result);
  } catch (error) {
    return stepLimitRun(fixture.name, error);
  }
}

/** A broker fixture: Get-RDUserSession objects (fixtures/rd-user-session/*.json). */
export interface BrokerFixture {
  name: string;
  sessions: RdUserSession[];
}

export async function brokerFixtures(): Promise<BrokerFixture[]> {
  const dir = path.join(fixturesDir, "rd-user-session");
  const names = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  return Promise.all(
    names.map(async (file) => ({
      name: file.slice(0, -5),
      sessions: JSON.parse(await readFile(path.join(dir, file), "utf8")) as RdUserSession[],
    })),
  );
}

/**
 * Whether a broker's host is one of the servers (all when none are named): the same name, or
 * the same host when one side is a short name and the other its FQDN.
 */
export function brokerHostListed(servers: readonly string[], hostServer: string): boolean {
  if (servers.length === 0) return true;
  const host = hostServer.toLowerCase();
  const hostShort = host.split(".")[0];
  return servers.some((name) => {
    const server = name.toLowerCase();
    const serverShort = server.split(".")[0];
    if (server === host) return true;
    return (server === serverShort || host === hostShort) && serverShort === hostShort;
  });
}

const brokerLogoff = /^invoke-rduserlogoff -HostServer (\S+) -UnifiedSessionID (\d+) -Force$/;

/** The world of a .ps1 run on a Connection Broker holding the fixture's sessions, as session 3 of rdsh01. */
export function powerShellBrokerWorld(fixture: BrokerFixture): PowerShellWorldConfig {
  return {
    servers: {},
    rdUserSessions: fixture.sessions,
    computerName: simulatedComputerName,
    currentSessionId: 3,
  };
}

/**
 * Runs a .ps1 artifact on a Connection Broker holding the fixture's sessions, as session 3
 * of rdsh01 (so a fixture may contain the caller's own session), and checks that every
 * Invoke-RDUserLogoff names a listed session the options do not exclude.
 */
export async function runPowerShellOnBroker(
  artifact: Artifact,
  plan: LogoffPlan,
  fixture: BrokerFixture,
  args: string[] = [],
): Promise<FixtureRun> {
  const result = await simulatePowerShell(
    artifact.bytes.toString("latin1"),
    powerShellBrokerWorld(fixture),
    { args, scriptName: artifact.fileName },
  );
  const violations: InvariantViolation[] = [];
  const o = plan.selection;
  for (const call of result.calls.filter((c) => c.startsWith("invoke-rduserlogoff"))) {
    const m = brokerLogoff.exec(call);
    const s = m
      ? fixture.sessions.find((x) => x.HostServer === m[1] && x.UnifiedSessionId === Number(m[2]))
      : undefined;
    const user = s?.UserName.toLowerCase() ?? "";
    const current =
      s !== undefined &&
      s.HostServer.split(".")[0]?.toLowerCase() === simulatedComputerName.toLowerCase() &&
      s.SessionId === 3;
    const rule = !s
      ? "names no session the broker lists"
      : (!brokerHostListed(o.servers, s.HostServer) &&
          `host ${s.HostServer} is not one of the servers`) ||
        (current && !o.includeCurrent && "logged off the current session") ||
        (o.excludeUsers.some((u) => u.toLowerCase() === user) &&
          `logged off excluded user ${s.UserName}`) ||
        (o.onlyUsers.length > 0 &&
          !o.onlyUsers.some((u) => u.toLowerCase() === user) &&
          `user ${s.UserName} is not in onlyUsers`) ||
        (o.excludeIds.includes(s.UnifiedSessionId) &&
          `logged off excluded id ${s.UnifiedSessionId}`) ||
        undefined;
    if (rule) violations.push({ call, rule });
  }
  return {
    fixture: fixture.name,
    calls: result.calls,
    stdout: result.stdout,
    exitCode: result.exitCode,
    violations,
  };
}
