/**
 * What a script does to each session of a listing, and how two scripts differ in that: the
 * behavioural diff a reviewer reads in a pull request ("this change now logs off bob on
 * rdsh02"). Both scripts run in rdlogoff's simulators on the same recorded listings; every
 * server a script names shows the listing.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { guessConsoleCodePage, type ConsoleCodePage } from "../listing/codePages.js";
import { listingProcessResult } from "../listing/processResult.js";
import { parseQuerySession } from "../listing/querySession.js";
import type { ProcessResult, SimulationResult } from "../simulate/types.js";
import type { ScriptTarget } from "../targets/index.js";
import { consoleCodePageOf, querySessionFixtures } from "../validate/simulate.js";

/** A recorded listing the scripts run on. */
export interface DiffListing {
  name: string;
  result: ProcessResult;
  codePage: ConsoleCodePage;
}

/**
 * The listings of a folder, every `.txt`: an error text as the tool's failure, anything else
 * as what `query session` printed (a listing the parser rejects is still one a script must
 * survive).
 */
export async function listingsIn(dir: string): Promise<DiffListing[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".txt")).sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = (await readFile(path.join(dir, name))).toString("latin1");
      let result: ProcessResult;
      try {
        result = listingProcessResult(bytes);
      } catch {
        result = { stdout: bytes, stderr: "", exitCode: 0 };
      }
      return { name: name.slice(0, -4), result, codePage: guessConsoleCodePage(bytes) };
    }),
  );
}

/** rdlogoff's own recorded listings, with what their sidecars say (a failed query's exit code). */
export async function recordedListings(): Promise<DiffListing[]> {
  return (await querySessionFixtures()).map((fixture) => ({
    name: fixture.name,
    result: fixture.result,
    codePage: consoleCodePageOf(fixture),
  }));
}

/** What happens to one session: logged off, warned, or (in a dry run) would be logged off. */
export type Fate = "logged off" | "warned" | "would be logged off";

/** A script's run on one listing: each session's fates, by `server session id`, and its exit code. */
export interface Behaviour {
  exitCode: number;
  fates: Map<string, Set<Fate>>;
}

const whatIf =
  /^What if: Performing the operation "Log off" on target "(.*) session (\d+) \(.*\)"\.$/;

function fatesOf(run: SimulationResult): Map<string, Set<Fate>> {
  const fates = new Map<string, Set<Fate>>();
  const add = (server: string | undefined, id: string | undefined, fate: Fate) => {
    const key = `${(server ?? "this server").toLowerCase()} session ${id ?? "?"}`;
    const set = fates.get(key) ?? new Set<Fate>();
    set.add(fate);
    fates.set(key, set);
  };
  for (const call of run.calls) {
    const native = /^(logoff|msg) (\S+)(?: \/server:(\S+))?/.exec(call);
    if (native) add(native[3], native[2], native[1] === "logoff" ? "logged off" : "warned");
    const broker =
      /^(invoke-rduserlogoff|send-rdusermessage) -HostServer (\S+) -UnifiedSessionID (\d+)/.exec(
        call,
      );
    if (broker)
      add(broker[2], broker[3], broker[1] === "invoke-rduserlogoff" ? "logged off" : "warned");
  }
  for (const line of run.stdout.split(/\r?\n/)) {
    const dry = /^dry run: logoff (\S+)(?: \/server:(\S+))?/.exec(line);
    if (dry) add(dry[2], dry[1], "would be logged off");
    const shown = whatIf.exec(line);
    if (shown) add(shown[1], shown[2], "would be logged off");
  }
  return fates;
}

/** The ids a listing shows, which logoff accepts; none when it cannot be read. */
function idsOf(result: ProcessResult): number[] {
  if (result.exitCode !== 0) return [];
  try {
    return parseQuerySession(result.stdout).rows.map((row) => row.id);
  } catch {
    return [];
  }
}

/**
 * Runs a script on a listing. Every server it names with /server: shows the listing too: a
 * first run finds the names, a second runs with them.
 */
export async function behaviourOn(
  target: ScriptTarget,
  script: string,
  scriptName: string,
  listing: DiffListing,
): Promise<Behaviour> {
  const sessionIds = idsOf(listing.result);
  const run = (servers: string[]) =>
    target.simulate(
      script,
      {
        servers: Object.fromEntries(
          ["", ...servers].map((server) => [server, { querySession: listing.result, sessionIds }]),
        ),
        computerName: "RDSH01",
        currentSessionId: 0,
        consoleCodePage: listing.codePage,
      },
      { args: [], scriptName, whatIf: false },
    );
  const first = await run([]);
  const named = new Set(
    first.calls.flatMap((call) =>
      [...call.matchAll(/\/server:(\S+)/g)].map((m) => (m[1] ?? "").toLowerCase()),
    ),
  );
  const result = named.size > 0 ? await run([...named]) : first;
  return { exitCode: result.exitCode, fates: fatesOf(result) };
}

/** How one session's fate changed. */
export interface FateChange {
  session: string;
  before: Fate[];
  after: Fate[];
}

/** How a script's behaviour on one listing changed. */
export interface ListingChange {
  listing: string;
  exitCode?: { before: number; after: number };
  sessions: FateChange[];
}

/** The differences between two behaviours on one listing, or undefined when there are none. */
export function compareBehaviour(
  listing: string,
  before: Behaviour,
  after: Behaviour,
): ListingChange | undefined {
  const sessions: FateChange[] = [];
  const keys = [...new Set([...before.fates.keys(), ...after.fates.keys()])].sort((a, b) =>
    a.localeCompare(b, "en", { numeric: true }),
  );
  for (const session of keys) {
    const was = [...(before.fates.get(session) ?? [])].sort();
    const now = [...(after.fates.get(session) ?? [])].sort();
    if (JSON.stringify(was) !== JSON.stringify(now))
      sessions.push({ session, before: was, after: now });
  }
  const exitCode =
    before.exitCode === after.exitCode
      ? undefined
      : { before: before.exitCode, after: after.exitCode };
  if (sessions.length === 0 && !exitCode) return undefined;
  return { listing, ...(exitCode ? { exitCode } : {}), sessions };
}

/** One line per change, in words. */
export function describeChange(change: FateChange): string {
  const gained = change.after.filter((f) => !change.before.includes(f));
  const lost = change.before.filter((f) => !change.after.includes(f));
  return [...gained.map((f) => `now ${f}`), ...lost.map((f) => `no longer ${f}`)].join(", ");
}
