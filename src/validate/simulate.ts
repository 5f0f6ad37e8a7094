import type { Artifact } from "../emit/artifact.js";
import { listFixtures, loadListingFixture, type ListingFixture } from "../listing/fixtures.js";
import type { CanonicalState } from "../options/states.js";
import type { Locale } from "../options/types.js";
import type { LogoffPlan } from "../plan/plan.js";
import { simulateBatch } from "../simulate/batch/index.js";
import { StepLimitError } from "../simulate/types.js";
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
    const snapshots = servers.map((server) => snapshotOf(fixture, server));
    return {
      fixture: fixture.name,
      calls: result.calls,
      stdout: result.stdout,
      exitCode: result.exitCode,
      violations: checkLogoffInvariants(result.calls, snapshots, plan.selection),
    };
  } catch (error) {
    if (!(error instanceof StepLimitError)) throw error;
    return {
      fixture: fixture.name,
      calls: [],
      stdout: "",
      exitCode: -1,
      violations: [],
      stepLimit: error.message,
    };
  }
}
