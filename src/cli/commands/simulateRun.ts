import { readFileSync } from "node:fs";
import path from "node:path";
import { guessConsoleCodePage, type ConsoleCodePage } from "../../listing/codePages.js";
import { listingProcessResult } from "../../listing/processResult.js";
import { parseQuerySession } from "../../listing/querySession.js";
import { ListingError } from "../../listing/types.js";
import { extensionsOf, formatOfFile } from "../../targets/formats.js";
import { scriptSimulators } from "../../targets/simulators.js";
import { UnsupportedSyntaxError } from "../../simulate/powershell/errors.js";
import type { PowerShellWorldConfig, RdUserSession } from "../../simulate/powershell/index.js";
import { StepLimitError, type Directory, type DirectoryMember } from "../../simulate/types.js";
import { WorldSetupError, type ServerFixture } from "../../simulate/world.js";
import { ExitCode } from "../exitCodes.js";
import { jsonError } from "./jsonError.js";
import type { CliIo } from "../io.js";
import type { CommandResult } from "./types.js";

interface SimulateArgs {
  script: string;
  fixture?: string;
  exitCode: boolean;
  server: string[];
  userFixture?: string;
  arg: string[];
  json: boolean;
  rdSessions?: string;
  directory?: string;
  whatif: boolean;
  codePage?: number;
}

/** A file the command needs cannot be read or understood (exit code 2). */
class SimulateInputError extends Error {
  override name = "SimulateInputError";
}

const isString = (value: unknown): value is string => typeof value === "string";

/** A --directory file: the shape of a simulated domain (src/simulate/types.ts), checked. */
function directoryFromJson(text: string, file: string): Directory {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SimulateInputError(`${file}: not JSON: ${(error as Error).message}`);
  }
  const fail = (what: string): never => {
    throw new SimulateInputError(`${file}: ${what}`);
  };
  const root = value as { reachable?: unknown; groups?: unknown };
  if (typeof root !== "object" || root === null) return fail("not a JSON object");
  if (typeof root.reachable !== "boolean") return fail('"reachable" must be true or false');
  if (!Array.isArray(root.groups)) return fail('"groups" must be a list');
  const groups = root.groups.map((entry: unknown, i): Directory["groups"][number] => {
    const group = entry as { name?: unknown; members?: unknown; primaryMembers?: unknown };
    if (typeof group !== "object" || group === null || !isString(group.name)) {
      return fail(`groups[${i}] must have a "name"`);
    }
    if (!Array.isArray(group.members)) return fail(`groups[${i}].members must be a list`);
    const members = group.members.map((member: unknown, j): DirectoryMember => {
      const m = member as { kind?: unknown; name?: unknown };
      if (typeof m !== "object" || m === null || (m.kind !== "user" && m.kind !== "group")) {
        return fail(`groups[${i}].members[${j}].kind must be "user" or "group"`);
      }
      if (!isString(m.name)) return fail(`groups[${i}].members[${j}].name must be a string`);
      return { kind: m.kind, name: m.name };
    });
    const primary = group.primaryMembers ?? [];
    if (!Array.isArray(primary) || !primary.every(isString)) {
      return fail(`groups[${i}].primaryMembers must be a list of user names`);
    }
    return { name: group.name, members, primaryMembers: primary };
  });
  return { reachable: root.reachable, groups };
}

/**
 * Reads a file as a byte string (one char per byte), as the simulators expect. Synchronously:
 * the command reads a few small files one after another, and node:fs/promises would cost
 * more to load than it saves.
 */
function readBytes(cwd: string, file: string, what: string): string {
  try {
    return readFileSync(path.resolve(cwd, file)).toString("latin1");
  } catch (error) {
    throw new SimulateInputError(`cannot read ${what} ${file}: ${(error as Error).message}`);
  }
}

/** A server fixture from a recorded `query session` listing: its output and its session ids. */
function serverFixture(cwd: string, file: string): ServerFixture {
  const text = readBytes(cwd, file, "listing");
  try {
    const querySession = listingProcessResult(text);
    const sessionIds =
      querySession.exitCode === 0 ? parseQuerySession(text).rows.map((row) => row.id) : [];
    return { querySession, sessionIds };
  } catch (error) {
    if (error instanceof ListingError) throw new SimulateInputError(`${file}: ${error.message}`);
    throw error;
  }
}

/**
 * The PowerShell world: the listings, the broker's sessions if given, and the script running
 * on RDSH01 in the session the local listing marks with `>` (0 when none does).
 */
function powerShellWorld(
  cwd: string,
  servers: Record<string, ServerFixture>,
  args: SimulateArgs,
): PowerShellWorldConfig {
  let rdUserSessions: RdUserSession[] | undefined;
  if (args.rdSessions !== undefined) {
    const text = readBytes(cwd, args.rdSessions, "Get-RDUserSession fixture");
    try {
      rdUserSessions = JSON.parse(Buffer.from(text, "latin1").toString("utf8")) as RdUserSession[];
    } catch (error) {
      throw new SimulateInputError(`${args.rdSessions}: not JSON: ${(error as Error).message}`);
    }
  }
  const directory =
    args.directory === undefined
      ? undefined
      : directoryFromJson(
          Buffer.from(readBytes(cwd, args.directory, "directory"), "latin1").toString("utf8"),
          args.directory,
        );
  const local = servers[""];
  const current =
    local?.querySession && !Array.isArray(local.querySession) && local.querySession.exitCode === 0
      ? parseQuerySession(local.querySession.stdout).rows.find((row) => row.current)?.id
      : undefined;
  const listing = local && !Array.isArray(local.querySession) ? local.querySession.stdout : "";
  return {
    servers,
    ...(rdUserSessions ? { rdUserSessions } : {}),
    ...(directory ? { directory } : {}),
    computerName: "RDSH01",
    currentSessionId: current ?? 0,
    consoleCodePage:
      (args.codePage as ConsoleCodePage | undefined) ?? guessConsoleCodePage(listing),
  };
}

/** `rdlogoff simulate`: runs a generated script against recorded listings and prints its calls. */

/** The handler of `rdlogoff simulate`, loaded only when the command runs. */
export async function runSimulate(io: CliIo, result: CommandResult, argv: unknown): Promise<void> {
  const args = argv as unknown as SimulateArgs;
  try {
    const target = formatOfFile(args.script, scriptSimulators);
    if (!target) {
      throw new SimulateInputError(
        `${args.script}: only ${extensionsOf(scriptSimulators)} scripts can be simulated`,
      );
    }
    const script = readBytes(io.cwd, args.script, "script");
    const servers: Record<string, ServerFixture> = {};
    if (args.fixture !== undefined) {
      const local = serverFixture(io.cwd, args.fixture);
      if (args.userFixture !== undefined) {
        local.queryUser = listingProcessResult(
          readBytes(io.cwd, args.userFixture, "quser listing"),
        );
      }
      servers[""] = local;
    }
    for (const spec of args.server) {
      const eq = spec.indexOf("=");
      const [listing, quser, ...extra] = spec.slice(eq + 1).split(",");
      if (eq <= 0 || !listing || extra.length > 0) {
        throw new SimulateInputError(`--server ${spec}: expected NAME=LISTING.txt[,QUSER.txt]`);
      }
      const fixture = serverFixture(io.cwd, listing);
      if (quser) {
        fixture.queryUser = listingProcessResult(readBytes(io.cwd, quser, "quser listing"));
      }
      servers[spec.slice(0, eq).toLowerCase()] = fixture;
    }
    const run = await target.simulate(script, powerShellWorld(io.cwd, servers, args), {
      args: args.arg.map(String),
      scriptName: path.basename(args.script),
      whatIf: args.whatif,
    });
    if (args.json) {
      const { calls, stdout, stderr, exitCode, steps } = run;
      io.stdout(`${JSON.stringify({ calls, stdout, stderr, exitCode, steps }, null, 2)}\n`);
    } else {
      io.stderr(run.stdout + run.stderr);
      io.stdout(run.calls.map((call) => `${call}\n`).join(""));
      io.stderr(`rdlogoff simulate: the script exited ${run.exitCode}\n`);
    }
    result.code = args.exitCode ? run.exitCode : ExitCode.ok;
  } catch (error) {
    const code =
      error instanceof StepLimitError
        ? ExitCode.stepLimit
        : error instanceof UnsupportedSyntaxError ||
            error instanceof SimulateInputError ||
            error instanceof WorldSetupError ||
            error instanceof ListingError
          ? ExitCode.badInput
          : undefined;
    if (code === undefined) throw error;
    const { name, message } = error as Error;
    if (args.json) io.stdout(jsonError(name, message));
    else io.stderr(`rdlogoff simulate: ${message}\n`);
    result.code = code;
  }
}
