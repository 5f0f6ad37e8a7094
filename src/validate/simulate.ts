import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Artifact } from "../emit/artifact.js";
import type { ConsoleCodePage } from "../listing/codePages.js";
import { listingLanguages } from "../listing/stateWords.js";
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
import type { ListFailure } from "../listing/listFailures.js";
import type { CanonicalState } from "../options/states.js";
import type { Locale, ScriptFormat } from "../options/types.js";
import type { LogoffPlan } from "../plan/plan.js";
import { ruleOf, selectedInOrder, type ListedSession } from "../plan/rules.js";
import { simulateBatch } from "../simulate/batch/index.js";
import {
  StepLimitError,
  type Directory,
  type ProcessResult,
  type SimulationResult,
} from "../simulate/types.js";
import {
  createSessionWorld,
  simulatedDnsDomain,
  type SessionWorldConfig,
} from "../simulate/world.js";
import { checkLogoffInvariants, type InvariantViolation } from "./invariants.js";
import {
  isLogoffCall,
  isWaitCall,
  summaryLines,
  type ExpectedOutcome,
  type FixtureRun,
  type ServerTally,
} from "./outcome.js";

export { outcomeMismatch, type ExpectedOutcome, type FixtureRun } from "./outcome.js";
import {
  excludedGroupMembers,
  hostKind,
  listedServers,
  ordinalKey,
  referenceLogoffCalls,
  referenceMessages,
  type ServerSnapshot,
} from "./reference.js";

/** What `query user` prints on a server where the fixtures record no quser listing. */
const noQueryUser = { stdout: "", stderr: "No User exists for *\r\n", exitCode: 1 };

let fixtures: Promise<ListingFixture[]> | undefined;

/** Every recorded `query session` listing under fixtures/, loaded once and checked against its sidecar. */
export function querySessionFixtures(): Promise<ListingFixture[]> {
  fixtures ??= (async () =>
    Promise.all((await listFixtures("query-session")).map(loadListingFixture)))();
  return fixtures;
}

/** The folder of a plan's log, which exists on the simulated host (a script refuses to run without it). */
export function logFolders(plan: LogoffPlan): string[] {
  const log = plan.run.log;
  return log !== undefined && log.includes("\\") ? [log.slice(0, log.lastIndexOf("\\"))] : [];
}

/** The servers a plan names: its `servers`, or the local server (""). */
export function planServers(plan: LogoffPlan): string[] {
  return plan.run.servers.length > 0 ? [...plan.run.servers] : [""];
}

/**
 * The servers a plan's script lists on the simulated host (RDSH01 in corp.example.com): this
 * host, by any name, as the local server once; and those it leaves alone (they may be this host).
 */
export function listedPlanServers(plan: LogoffPlan): { listed: string[]; unsure: string[] } {
  return listedServers(planServers(plan), simulatedComputerName, simulatedDnsDomain);
}

/**
 * What the fixture's sidecar says a server shows, for the reference selector and the
 * invariants. /server: marks no session current: the caller's session is on this host.
 */
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
            current: s.current && server === "",
            stateWord: s.stateWord,
          }))
        : undefined,
    locale: (listingLanguages as readonly string[]).includes(locale)
      ? (locale as Locale)
      : undefined,
  };
}

/** What `query session /server:` prints: the listing without the `>` of the caller's session. */
function remoteResult(result: ProcessResult): ProcessResult {
  return { ...result, stdout: result.stdout.replace(/(^|[\r\n])>/g, "$1 ") };
}

/**
 * The simulated world where this host and every server of the plan show the fixture, the
 * named servers as /server: shows it (no session marked current).
 */
export function fixtureWorld(
  fixture: ListingFixture,
  servers: readonly string[],
  folders: readonly string[] = [],
): SessionWorldConfig {
  const sessionIds =
    fixture.truth.kind === "listing" ? fixture.truth.sessions.map((s) => s.id) : [];
  const names = [...new Set(["", ...servers])];
  return {
    ...(folders.length > 0 ? { folders: [...folders] } : {}),
    servers: Object.fromEntries(
      names.map((server) => [
        server,
        {
          querySession: server === "" ? fixture.result : remoteResult(fixture.result),
          queryUser: noQueryUser,
          sessionIds,
        },
      ]),
    ),
  };
}

/**
 * Whether the fixture's sidecar says a script of this format must fail closed on it as one
 * server shows it (this host "", or another through /server:, without `>` markers), and why.
 */
function failClosedReason(
  fixture: ListingFixture,
  format: ScriptFormat,
  server: string,
): { reason: string; failure: ListFailure } | undefined {
  const truth = fixture.truth;
  if (truth.kind === "error")
    return { reason: "an error text, not a listing", failure: truth.failure };
  const failsClosed = truth.failsClosed;
  if (!failsClosed || !(failsClosed.formats ?? [format]).includes(format)) return undefined;
  return failsClosed.markerOnly && server !== ""
    ? undefined
    : { reason: failsClosed.reason, failure: "notUnderstood" };
}

/**
 * The domain a script of `excludeGroups` is validated against, built from the users a fixture
 * shows (in order, each once): every group of the plan exists; the first user, the fourth,
 * ... are direct members of the first group; the second, the eighth, ... members through a
 * group nested in it (which nests the first group back: a cycle), the fifth, the eleventh, ...
 * users whose primary group that nested group is (a membership memberOf does not show); the
 * rest in no group. undefined when the plan names no group.
 */
export function groupDirectory(plan: LogoffPlan, users: readonly string[]): Directory | undefined {
  const groups = ruleOf(plan.rules, "userNotInGroups")?.groups;
  const [first, ...others] = groups ?? [];
  if (first === undefined) return undefined;
  const nested = `${first}-nested`;
  const unique = [
    ...new Map(users.filter((u) => u !== "").map((u) => [u.toLowerCase(), u])).values(),
  ];
  const direct = unique.filter((_, i) => i % 3 === 0);
  const throughNesting = unique.filter((_, i) => i % 6 === 1);
  const byPrimaryGroup = unique.filter((_, i) => i % 6 === 4);
  return {
    reachable: true,
    groups: [
      {
        name: first,
        members: [
          ...direct.map((name) => ({ kind: "user" as const, name })),
          { kind: "group" as const, name: nested },
        ],
      },
      {
        name: nested,
        members: [
          ...throughNesting.map((name) => ({ kind: "user" as const, name })),
          { kind: "group" as const, name: first },
        ],
        primaryMembers: byPrimaryGroup,
      },
      ...others.map((name) => ({ name, members: [] })),
    ],
  };
}

/** The users a listing fixture shows. */
const listingUsers = (fixture: ListingFixture): string[] =>
  fixture.truth.kind === "listing" ? fixture.truth.sessions.map((s) => s.user) : [];

/**
 * The members of the plan's excludeGroups in a run's domain: undefined when the plan names
 * no group; `failed` (with the reason) when the directory cannot tell, and a script must log
 * off nobody.
 */
function groupMembersOf(
  plan: LogoffPlan,
  directory: Directory | undefined,
): { members?: Set<string>; failed?: ExpectedOutcome & { kind: "failClosed" } } {
  const groups = ruleOf(plan.rules, "userNotInGroups")?.groups;
  if (!groups) return {};
  const members = excludedGroupMembers(directory, groups);
  if (members) return { members };
  // The script reads the groups in order and stops at the first it cannot read.
  const known = new Set(directory?.groups.map((g) => g.name.toLowerCase()));
  const group = directory?.reachable
    ? groups.find((name) => !known.has(name.toLowerCase()))
    : groups[0];
  return {
    failed: {
      kind: "failClosed",
      reason: "the directory cannot say who is in excludeGroups",
      event: plan.run.eventLog,
      stoppedBecause: `logged off nobody: group ${group ?? ""} could not be read`,
    },
  };
}

/**
 * The run summary a plan's script of this format must end with on a listing: its servers in
 * the order the options name them, this host (by any name) once as "this server", the unsure
 * ones and those whose listing fails closed with why nobody was logged off there.
 */
function summaryOnListing(
  plan: LogoffPlan,
  fixture: ListingFixture,
  format: ScriptFormat,
  groupMembers: ReadonlySet<string> | undefined,
): string[] {
  const tallies: ServerTally[] = [];
  let thisHostDone = false;
  for (const server of planServers(plan)) {
    const kind = hostKind(server, simulatedComputerName, simulatedDnsDomain);
    if (kind === "unsure") {
      tallies.push({ name: server, note: "may be this server, logged off nobody" });
      continue;
    }
    if (kind === "this" && thisHostDone) continue;
    thisHostDone ||= kind === "this";
    const listedAs = kind === "this" ? "" : server;
    const name = listedAs || "this server";
    if (failClosedReason(fixture, format, listedAs) !== undefined) {
      tallies.push({ name, note: "not listed, logged off nobody" });
      continue;
    }
    const snapshot = snapshotOf(fixture, listedAs);
    const users = (snapshot.sessions ?? []).filter((s) => s.user !== "").length;
    const loggedOff = referenceLogoffCalls([snapshot], plan, groupMembers).length;
    tallies.push({ name, loggedOff, failed: 0, kept: users - loggedOff });
  }
  return summaryLines(tallies, plan.run.dryRun);
}

/** What the reference says a plan's script of this format must do on a listing. */
export function expectedOnListing(
  plan: LogoffPlan,
  fixture: ListingFixture,
  format: ScriptFormat,
  directory: Directory | undefined = groupDirectory(plan, listingUsers(fixture)),
): ExpectedOutcome {
  // The .ps1 reads the groups before it asks for the broker.
  const groups = groupMembersOf(plan, directory);
  if (groups.failed) return groups.failed;
  if (format === "ps1" && plan.run.source === "broker") {
    return {
      kind: "failClosed",
      reason: "source broker, and no RD Connection Broker answers",
      event: plan.run.eventLog,
      stoppedBecause: "logged off nobody: the RD Connection Broker did not answer",
    };
  }
  const { listed, unsure } = listedPlanServers(plan);
  const reasons = listed.map((server) => failClosedReason(fixture, format, server));
  const understood = listed.filter((_, i) => reasons[i] === undefined);
  const listFailures = listed.flatMap((server, i) => {
    const failure = reasons[i]?.failure;
    return failure ? [{ where: server === "" ? "this server" : server, failure }] : [];
  });
  const reason = reasons.find((r) => r !== undefined)?.reason;
  const summary = summaryOnListing(plan, fixture, format, groups.members);
  const event = plan.run.eventLog;
  if (reason && understood.length === 0)
    return { kind: "failClosed", reason, listFailures, summary, event };
  const snapshots = understood.map((server) => snapshotOf(fixture, server));
  const messaged = plan.run.warn ? referenceMessages(snapshots, plan, groups.members) : [];
  return {
    kind: "selection",
    loggedOff: referenceLogoffCalls(snapshots, plan, groups.members),
    dryRun: plan.run.dryRun,
    messaged,
    waits: messaged.length > 0 && !plan.run.dryRun ? 1 : 0,
    summary,
    event,
    ...(unsure.length > 0 || reason ? { exitCode: 2 as const } : {}),
    ...(listFailures.length > 0 ? { listFailures } : {}),
  };
}

/**
 * Each artifact's bytes as a byte string (as the simulators take a script), made once: it is
 * run on every fixture, and the simulators find their prepared script by this string.
 */
const artifactTexts = new WeakMap<Artifact, string>();

function scriptText(artifact: Artifact): string {
  let text = artifactTexts.get(artifact);
  if (text === undefined) {
    text = artifact.bytes.toString("latin1");
    artifactTexts.set(artifact, text);
  }
  return text;
}

/** `logoff` calls, and the ones a dry run printed instead of running. */
function batchLoggedOff(result: SimulationResult): string[] {
  const printed = result.stdout
    .split("\r\n")
    .flatMap((line) =>
      line.startsWith("dry run: logoff ") ? [line.slice("dry run: ".length)] : [],
    );
  return [...result.calls.filter(isLogoffCall), ...printed];
}

const whatIfLogoff =
  /^What if: Performing the operation "Log off" on target "(.*) session (\d+) \(.*\)"\.$/;

/**
 * Logoff calls (`logoff`, or `invoke-rduserlogoff` on the broker), and the ones -WhatIf (or a
 * dry-run build) printed instead of running, in the form the call would have had.
 */
function powerShellLoggedOff(result: SimulationResult, broker: boolean): string[] {
  const printed = result.stdout.split("\r\n").flatMap((line) => {
    const match = whatIfLogoff.exec(line);
    if (!match) return [];
    const [, where = "", id = ""] = match;
    if (broker) return [`invoke-rduserlogoff -HostServer ${where} -UnifiedSessionID ${id} -Force`];
    return [where === "this server" ? `logoff ${id}` : `logoff ${id} /server:${where}`];
  });
  return [...result.calls.filter(isLogoffCall), ...printed];
}

/** A `msg` call as `ExpectedOutcome.messaged` names it: the session, and its server. */
function messageName(call: string): string[] {
  const match = /^msg(?:\.exe)? (\d+)( \/server:\S+)?/i.exec(call);
  return match ? [`msg ${match[1]}${match[2] ?? ""}`] : [];
}

/** `msg` calls, and the ones a dry run printed instead of sending. */
function batchMessaged(result: SimulationResult): string[] {
  const printed = result.stdout
    .split("\r\n")
    .flatMap((line) => (line.startsWith("dry run: msg ") ? messageName(line.slice(9)) : []));
  return [...result.calls.flatMap(messageName), ...printed];
}

const whatIfWarning =
  /^What if: Performing the operation "Send the logoff warning" on target "(.*) session (\d+) \(.*\)"\.$/;

/** Warnings sent (`msg`, or `send-rdusermessage` on the broker), and the ones -WhatIf printed. */
function powerShellMessaged(result: SimulationResult, broker: boolean): string[] {
  const brokerName = (host: string, id: string) =>
    `send-rdusermessage -HostServer ${host} -UnifiedSessionID ${id}`;
  const sent = result.calls.flatMap((call) => {
    const match = /^send-rdusermessage -HostServer (\S+) -UnifiedSessionID (\d+)/i.exec(call);
    return match ? [brokerName(match[1] ?? "", match[2] ?? "")] : messageName(call);
  });
  const printed = result.stdout.split("\r\n").flatMap((line) => {
    const match = whatIfWarning.exec(line);
    if (!match) return [];
    const [, where = "", id = ""] = match;
    if (broker) return [brokerName(where, id)];
    return [where === "this server" ? `msg ${id}` : `msg ${id} /server:${where}`];
  });
  return [...sent, ...printed];
}

/**
 * The batch simulator's step bound per listing a run reads: a run reads each server once, twice
 * with `warn`, and a 600-session listing takes about 145,000 steps. A bound in steps, not time,
 * so that whether a script passes never depends on how busy the machine is.
 */
const batchStepsPerListing = 1_000_000;

function listingsOf(plan: LogoffPlan): number {
  return Math.max(1, listedPlanServers(plan).listed.length) * (plan.run.warn ? 2 : 1);
}

/** Runs a batch artifact against a fixture (on each of the plan's servers) and checks the invariants. */
export function runBatchOnFixture(
  artifact: Artifact,
  plan: LogoffPlan,
  fixture: ListingFixture,
): FixtureRun {
  const world = createSessionWorld(fixtureWorld(fixture, planServers(plan), logFolders(plan)));
  try {
    const result = simulateBatch(scriptText(artifact), world, {
      scriptPath: `C:\\rdlogoff\\${artifact.fileName}`,
      env: { COMPUTERNAME: simulatedComputerName },
      maxSteps: batchStepsPerListing * listingsOf(plan),
    });
    return listingRun(fixture, plan, result, batchLoggedOff(result), batchMessaged(result), "bat");
  } catch (error) {
    return stepLimitRun(fixture.name, error, expectedOnListing(plan, fixture, "bat"));
  }
}

/** A run on a listing, with the invariants checked against what its sidecar says. */
function listingRun(
  fixture: ListingFixture,
  plan: LogoffPlan,
  result: SimulationResult,
  loggedOff: string[],
  messaged: string[],
  format: ScriptFormat,
  directory: Directory | undefined = groupDirectory(plan, listingUsers(fixture)),
): FixtureRun {
  const snapshots = listedPlanServers(plan).listed.map((server) => snapshotOf(fixture, server));
  return {
    fixture: fixture.name,
    calls: result.calls,
    stdout: result.stdout,
    stderr: result.stderr,
    exitCode: result.exitCode,
    loggedOff,
    messaged,
    waits: result.calls.filter(isWaitCall).length,
    expected: expectedOnListing(plan, fixture, format, directory),
    violations: checkLogoffInvariants(result.calls, snapshots, plan.rules),
  };
}

/** A run that never ended: reported as such; any other error is a bug and rethrown. */
function stepLimitRun(fixture: string, error: unknown, expected: ExpectedOutcome): FixtureRun {
  if (!(error instanceof StepLimitError)) throw error;
  return {
    fixture,
    calls: [],
    stdout: "",
    stderr: "",
    exitCode: -1,
    loggedOff: [],
    messaged: [],
    waits: 0,
    expected,
    violations: [],
    stepLimit: error.message,
  };
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
  const directory = groupDirectory(plan, listingUsers(fixture));
  return {
    ...fixtureWorld(fixture, planServers(plan), logFolders(plan)),
    computerName: simulatedComputerName,
    currentSessionId: current?.id ?? 0,
    consoleCodePage: consoleCodePageOf(fixture),
    ...(directory ? { directory } : {}),
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
      scriptText(artifact),
      powerShellListingWorld(plan, fixture),
      { args, scriptName: artifact.fileName },
    );
    const loggedOff = powerShellLoggedOff(result, false);
    return listingRun(fixture, plan, result, loggedOff, powerShellMessaged(result, false), "ps1");
  } catch (error) {
    return stepLimitRun(fixture.name, error, expectedOnListing(plan, fixture, "ps1"));
  }
}

/**
 * Runs a .ps1 of excludeGroups on a listing where the directory cannot say who is in the
 * groups: on a host whose domain does not answer, and in a domain without the groups. Each
 * run must log off nobody and exit 2. None for a plan without groups.
 */
export async function runPowerShellWithoutGroups(
  artifact: Artifact,
  plan: LogoffPlan,
  fixture: ListingFixture,
): Promise<FixtureRun[]> {
  if (!ruleOf(plan.rules, "userNotInGroups")) return [];
  const directories: Directory[] = [
    { reachable: false, groups: [] },
    { reachable: true, groups: [] },
  ];
  const runs: FixtureRun[] = [];
  for (const directory of directories) {
    const name = `${fixture.name} (${directory.reachable ? "no such group" : "no domain answers"})`;
    try {
      const result = await simulatePowerShell(
        scriptText(artifact),
        { ...powerShellListingWorld(plan, fixture), directory },
        { scriptName: artifact.fileName },
      );
      const loggedOff = powerShellLoggedOff(result, false);
      runs.push({
        ...listingRun(
          fixture,
          plan,
          result,
          loggedOff,
          powerShellMessaged(result, false),
          "ps1",
          directory,
        ),
        fixture: name,
      });
    } catch (error) {
      runs.push(stepLimitRun(name, error, expectedOnListing(plan, fixture, "ps1", directory)));
    }
  }
  return runs;
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

/**
 * The simulated clock (Get-Date) of a run on a broker fixture: its `DisconnectTime` values are
 * written against it (fixtures/rd-user-session/README.md). The pwsh oracle's stand-in module
 * shifts them by the real clock's distance from it.
 */
export const brokerFixtureClock = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

/**
 * Whole minutes from a fixture's `DisconnectTime` (`yyyy-MM-ddTHH:mm:ss`, no zone) to the
 * broker fixture clock; undefined when the broker gives no time, or one before 1602 (0001-01-01
 * is DateTime's default and 1601-01-01 a zero FILETIME: neither says when it disconnected).
 */
export function minutesSinceDisconnect(
  disconnectTime: string | null | undefined,
): number | undefined {
  if (typeof disconnectTime !== "string") return undefined;
  const match = /^(\d{4})-/.exec(disconnectTime);
  if (!match || Number(match[1]) <= 1601) return undefined;
  const at = Date.parse(`${disconnectTime}Z`);
  if (Number.isNaN(at))
    throw new Error(`DisconnectTime ${JSON.stringify(disconnectTime)} is not a time`);
  return Math.floor((brokerFixtureClock.getTime() - at) / 60_000);
}

/**
 * The world of a .ps1 run on a Connection Broker holding the fixture's sessions, as session 3
 * of rdsh01, in the domain `groupDirectory` builds from their users.
 */
export function powerShellBrokerWorld(
  plan: LogoffPlan,
  fixture: BrokerFixture,
): PowerShellWorldConfig {
  const directory = groupDirectory(
    plan,
    fixture.sessions.map((s) => s.UserName),
  );
  return {
    servers: {},
    rdUserSessions: fixture.sessions,
    computerName: simulatedComputerName,
    currentSessionId: 3,
    ...(directory ? { directory } : {}),
  };
}

const brokerStates: Record<string, CanonicalState> = {
  STATE_ACTIVE: "active",
  STATE_CONNECTED: "connected",
  STATE_CONNECTQUERY: "connectQuery",
  STATE_SHADOW: "shadow",
  STATE_DISCONNECTED: "disconnected",
  STATE_IDLE: "idle",
  STATE_LISTEN: "listen",
  STATE_RESET: "reset",
  STATE_DOWN: "down",
  STATE_INIT: "init",
};

/**
 * What the reference says a plan's .ps1 must do on a broker: the rules applied to the
 * sessions of the listed hosts (the broker gives no session names), the caller's own session
 * being session 3 of rdsh01.
 */
export function expectedOnBroker(plan: LogoffPlan, fixture: BrokerFixture): ExpectedOutcome {
  const groups = groupMembersOf(
    plan,
    groupDirectory(
      plan,
      fixture.sessions.map((s) => s.UserName),
    ),
  );
  if (groups.failed) return groups.failed;
  if (plan.run.source === "query") {
    return {
      kind: "failClosed",
      reason: "source query, and no server answers query session",
      event: plan.run.eventLog,
    };
  }
  const sessions = fixture.sessions
    .filter((s) => brokerHostListed(plan.run.servers, s.HostServer))
    .map((s): ListedSession & { host: string; idle: number; disconnected: number | undefined } => ({
      name: "",
      user: s.UserName,
      id: s.UnifiedSessionId,
      state: brokerStates[s.SessionState],
      current:
        s.HostServer.split(".")[0]?.toLowerCase() === simulatedComputerName.toLowerCase() &&
        s.SessionId === 3,
      host: s.HostServer,
      idle: Math.floor(s.IdleTime / 60000),
      disconnected: minutesSinceDisconnect(s.DisconnectTime),
    }));
  const chosen = selectedInOrder(plan.rules, sessions, (s) => ({
    stateKnown: true,
    idleMinutes: s.idle,
    sinceDisconnect: { minutes: s.disconnected },
    inExcludedGroups: groups.members?.has(ordinalKey(s.user)),
  }));
  // Every broker state is known: only Active sessions (and any the broker has no state for) are warned.
  const messaged = plan.run.warn
    ? chosen
        .filter((s) => s.state === undefined || s.state === "active")
        .map((s) => `send-rdusermessage -HostServer ${s.host} -UnifiedSessionID ${s.id}`)
    : [];
  const users = sessions.filter((s) => s.user !== "").length;
  const tally = { name: "the deployment", loggedOff: chosen.length, failed: 0 };
  return {
    kind: "selection",
    loggedOff: chosen.map(
      (s) => `invoke-rduserlogoff -HostServer ${s.host} -UnifiedSessionID ${s.id} -Force`,
    ),
    dryRun: plan.run.dryRun,
    messaged,
    waits: messaged.length > 0 && !plan.run.dryRun ? 1 : 0,
    summary: summaryLines([{ ...tally, kept: users - chosen.length }], plan.run.dryRun),
    event: plan.run.eventLog,
  };
}

/**
 * Runs a .ps1 artifact on a Connection Broker holding the fixture's sessions, as session 3
 * of rdsh01 (so a fixture may contain the caller's own session). The floor a KB script is
 * held to is that every Invoke-RDUserLogoff names a listed session that is not the caller's.
 */
export async function runPowerShellOnBroker(
  artifact: Artifact,
  plan: LogoffPlan,
  fixture: BrokerFixture,
  args: string[] = [],
): Promise<FixtureRun> {
  const expected = expectedOnBroker(plan, fixture);
  let result: SimulationResult;
  try {
    result = await simulatePowerShell(scriptText(artifact), powerShellBrokerWorld(plan, fixture), {
      args,
      scriptName: artifact.fileName,
      now: brokerFixtureClock,
    });
  } catch (error) {
    return stepLimitRun(fixture.name, error, expected);
  }
  const loggedOff = powerShellLoggedOff(result, true);
  const messaged = powerShellMessaged(result, true);
  const violations: InvariantViolation[] = [];
  for (const call of loggedOff) {
    const m = /-HostServer (\S+) -UnifiedSessionID (\d+)/.exec(call);
    const s = m
      ? fixture.sessions.find((x) => x.HostServer === m[1] && x.UnifiedSessionId === Number(m[2]))
      : undefined;
    if (!s) violations.push({ call, rule: "names no session the broker lists" });
    else if (
      s.HostServer.split(".")[0]?.toLowerCase() === simulatedComputerName.toLowerCase() &&
      s.SessionId === 3 &&
      plan.rules.some((rule) => rule.kind === "notCurrent")
    ) {
      violations.push({ call, rule: "logged off the current session" });
    }
  }
  return {
    fixture: fixture.name,
    calls: result.calls,
    stdout: result.stdout,
    stderr: result.stderr,
    exitCode: result.exitCode,
    loggedOff,
    messaged,
    waits: result.calls.filter(isWaitCall).length,
    expected,
    violations,
  };
}
