import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Artifact } from "../emit/artifact.js";
import { decodeOem } from "../listing/codePages.js";
import { fixturesDir } from "../paths.js";
import { simulatePowerShell, type RdUserSession } from "../simulate/powershell/index.js";
import { listFixtures, loadListingFixture, type ListingFixture } from "../listing/fixtures.js";
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
 * What PowerShell receives from a native tool: text decoded with the console code page.
 * The fixture holds the bytes the tool wrote; an OEM variant is decoded with its code page.
 */
function decodedForPowerShell(fixture: ListingFixture): ListingFixture["result"] {
  const truth = fixture.truth;
  if (truth.kind !== "listing" || (truth.encoding !== "cp850" && truth.encoding !== "cp866")) {
    return fixture.result;
  }
  return { ...fixture.result, stdout: decodeOem(fixture.result.stdout, truth.encoding) };
}

/** Runs a .ps1 artifact in query mode (no RemoteDesktop module) against a listing. */
export async function runPowerShellOnFixture(
  artifact: Artifact,
  plan: LogoffPlan,
  fixture: ListingFixture,
  args: string[] = [],
): Promise<FixtureRun> {
  const servers = planServers(plan);
  const world = fixtureWorld(fixture, servers);
  for (const server of Object.values(world.servers))
    server.querySession = decodedForPowerShell(fixture);
  const current =
    fixture.truth.kind === "listing" ? fixture.truth.sessions.find((s) => s.current) : undefined;
  try {
    const result = await simulatePowerShell(
      artifact.bytes.toString("latin1"),
      { ...world, computerName: simulatedComputerName, currentSessionId: current?.id ?? 0 },
      { args, scriptName: artifact.fileName },
    );
    return listingRun(fixture, plan, servers, result);
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

const brokerLogoff = /^invoke-rduserlogoff -HostServer (\S+) -UnifiedSessionID (\d+) -Force$/;

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
    {
      servers: {},
      rdUserSessions: fixture.sessions,
      computerName: simulatedComputerName,
      currentSessionId: 3,
    },
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
      : (current && !o.includeCurrent && "logged off the current session") ||
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
