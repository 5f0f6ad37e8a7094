/**
 * A simulated Remote Desktop server farm: the World the simulators run scripts against.
 * `query session`/`qwinsta` and `query user`/`quser` print recorded listings (fixtures) per
 * server; `logoff`, `rwinsta`, `reset session`, `tsdiscon` and `msg` are recorded and succeed,
 * except a logoff of a session the server does not have. The Connection Broker's sessions
 * (Get-RDUserSession) come from a fixture too, and the cmdlets that act on them are recorded in
 * the same call log. Nothing touches a real system.
 */
import { programName, splitCommandLine } from "./commandLine.js";
import type {
  Directory,
  ExternalCall,
  ProcessResult,
  RdDeployment,
  RdUserSession,
  World,
} from "./types.js";

/** One server's recorded outputs and sessions. */
export interface ServerFixture {
  /** What `query session` prints; an array gives successive calls (a re-query after a warning); the last repeats. */
  querySession: ProcessResult | ProcessResult[];
  /** What `query user` prints; undefined: a script that runs quser fails the simulation with a clear WorldSetupError. */
  queryUser?: ProcessResult | ProcessResult[];
  /** Session ids that exist on the server; logoff of any other id fails. */
  sessionIds: number[];
}

export interface SessionWorldConfig {
  /** By lower-case server name; `""` is the local server (no `/server:`). */
  servers: Record<string, ServerFixture>;
  /** Get-RDUserSession objects; undefined: the RemoteDesktop module is absent. */
  rdUserSessions?: RdUserSession[];
  /** false: Get-RDUserSession fails with "A Remote Desktop Services deployment does not exist...". Default true. */
  rdDeployment?: boolean;
  /** This host's primary DNS suffix, as `reg query` reads it; default `simulatedDnsDomain`, null: none set. */
  dnsDomain?: string | null;
  /** The domain `[adsisearcher]` searches; undefined: the host is in no domain. */
  directory?: Directory;
  /**
   * Programs absent from the host (lower case, no extension): `query` for a 32-bit process
   * that cannot see System32's query.exe.
   */
  missingPrograms?: string[];
  /** Windows folders that exist, for a log the script writes (World.folders). */
  folders?: string[];
}

/** The primary DNS suffix of the simulated host (RDSH01), and of the oracles' hosts. */
export const simulatedDnsDomain = "corp.example.com";

/** The registry key and value `reg query` answers: where Windows keeps the primary DNS suffix. */
const tcpipParameters = "hklm\\system\\currentcontrolset\\services\\tcpip\\parameters";

/**
 * What `reg query <Tcpip\Parameters> /v Domain` prints: Windows' layout (Wine's reg.exe prints
 * the same), or its complaint when the value is not set.
 */
function regQuery(args: string[], dnsDomain: string | null): ProcessResult {
  const [verb, key, flag, value] = args.map((a) => a.toLowerCase());
  if (
    verb !== "query" ||
    key !== tcpipParameters ||
    flag !== "/v" ||
    value !== "domain" ||
    args.length !== 4
  ) {
    return { stdout: "", stderr: "ERROR: Invalid syntax.\r\n", exitCode: 1 };
  }
  if (dnsDomain === null) {
    return {
      stdout: "",
      stderr: "ERROR: The system was unable to find the specified registry key or value.\r\n",
      exitCode: 1,
    };
  }
  return {
    stdout: `\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\r\n    Domain    REG_SZ    ${dnsDomain}\r\n\r\n`,
    stderr: "",
    exitCode: 0,
  };
}

/** The fixtures cannot answer what the script asked (e.g. quser without a quser fixture). */
export class WorldSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorldSetupError";
  }
}

/**
 * What qwinsta, quser and logoff print when the server cannot be reached: the recorded text of
 * query-samples/qwinsta-en-error-rpc-unavailable-0x6BA.txt (which names no server) plus the
 * line end the tool writes.
 */
export const rpcUnavailableText =
  "Error 0x000006BA enumerating sessionnames\r\nError [1722]:The RPC server is unavailable.\r\n";

/**
 * logoff's complaint about a session the server does not have. The wording is not recorded
 * anywhere we could find; it follows the "Could not logoff session ID 0 from session Console,
 * Error code 5 / Error [5]: Access is denied." message of KB Q259436, with Windows error 7022
 * (ERROR_CTX_WINSTATION_NOT_FOUND).
 */
export function logoffNotFoundText(session: string): string {
  return `Could not logoff session ID ${session}, Error code 7022\r\nError [7022]:The specified session cannot be found.\r\n`;
}

/** A cmdlet parameter's value as the call log shows it: in double quotes when it has blanks or quotes. */
function quoteValue(value: string): string {
  return /[\s"]/.test(value) || value === "" ? `"${value.replace(/"/g, '\\"')}"` : value;
}

/** The broker's deployment: a copy of the fixture's sessions, which the cmdlets change. */
function createRdDeployment(
  fixture: RdUserSession[],
  exists: boolean,
  calls: ExternalCall[],
): RdDeployment {
  const sessions = fixture.map((session) => ({ ...session }));
  return {
    exists,
    sessions,
    invoke(call) {
      calls.push({
        program: call.cmdlet.toLowerCase(),
        args: [
          "-HostServer",
          quoteValue(call.hostServer),
          "-UnifiedSessionID",
          String(call.unifiedSessionId),
          ...call.parameters.flatMap(([name, value]) =>
            value === true ? [`-${name}`] : [`-${name}`, quoteValue(value)],
          ),
        ],
      });
      const session = sessions.find(
        (candidate) =>
          candidate.HostServer.toLowerCase() === call.hostServer.toLowerCase() &&
          candidate.UnifiedSessionId === call.unifiedSessionId,
      );
      if (!session) return false;
      if (call.cmdlet === "Invoke-RDUserLogoff") sessions.splice(sessions.indexOf(session), 1);
      if (call.cmdlet === "Disconnect-RDUser") session.SessionState = "STATE_DISCONNECTED";
      return true;
    },
  };
}

/**
 * Programs that are recorded and succeed; timeout is one so a call log shows the wait, and
 * eventcreate so it shows the event a run writes.
 */
const sessionCommands = new Set([
  "logoff",
  "rwinsta",
  "reset",
  "tsdiscon",
  "msg",
  "timeout",
  "eventcreate",
]);

const ok: ProcessResult = { stdout: "", stderr: "", exitCode: 0 };

/** Builds the World for a set of server fixtures and, when given, the broker's sessions. */
export function createSessionWorld(config: SessionWorldConfig): World {
  const calls: ExternalCall[] = [];
  const counters = new Map<string, number>();

  const nextOutput = (key: string, outputs: ProcessResult | ProcessResult[]): ProcessResult => {
    if (!Array.isArray(outputs)) return outputs;
    const index = counters.get(key) ?? 0;
    counters.set(key, index + 1);
    return outputs[Math.min(index, outputs.length - 1)] ?? ok;
  };

  const serverOf = (args: string[]): string => {
    const option = args.find((a) => /^\/server:/i.test(a));
    return option ? option.slice("/server:".length).toLowerCase() : "";
  };

  const query = (kind: "session" | "user", server: string): ProcessResult => {
    const fixture = config.servers[server];
    if (!fixture) return { stdout: "", stderr: rpcUnavailableText, exitCode: 1 };
    if (kind === "session") return nextOutput(`session:${server}`, fixture.querySession);
    if (fixture.queryUser === undefined) {
      throw new WorldSetupError(
        `The script runs "query user" against server "${server || "(local)"}", but its fixture has no query user output.`,
      );
    }
    return nextOutput(`user:${server}`, fixture.queryUser);
  };

  const logoff = (args: string[], server: string): ProcessResult => {
    const fixture = config.servers[server];
    if (!fixture) return { stdout: "", stderr: rpcUnavailableText, exitCode: 1 };
    const session = args.find((a) => !a.startsWith("/"));
    if (session === undefined) return ok;
    if (!/^\d+$/.test(session) || !fixture.sessionIds.includes(Number(session))) {
      return { stdout: "", stderr: logoffNotFoundText(session), exitCode: 1 };
    }
    return ok;
  };

  return {
    calls,
    directory: config.directory,
    ...(config.folders ? { folders: [...config.folders] } : {}),
    rdDeployment:
      config.rdUserSessions &&
      createRdDeployment(config.rdUserSessions, config.rdDeployment ?? true, calls),
    isMissing: (program: string) => (config.missingPrograms ?? []).includes(programName(program)),
    exec(program: string, commandTail: string): ProcessResult | undefined {
      const name = programName(program);
      if (config.missingPrograms?.includes(name)) return undefined;
      const args = splitCommandLine(commandTail);
      const subcommand = args[0]?.toLowerCase();
      const isQuery = name === "query" && (subcommand === "session" || subcommand === "user");
      if (
        name !== "query" &&
        name !== "qwinsta" &&
        name !== "quser" &&
        name !== "reg" &&
        !sessionCommands.has(name)
      ) {
        return undefined;
      }
      calls.push({ program: name, args });
      if (name === "reg")
        return regQuery(
          args,
          config.dnsDomain === undefined ? simulatedDnsDomain : config.dnsDomain,
        );
      // query.exe's other subcommands (process, termserver) are outside what the fixtures record.
      if (name === "query" && !isQuery)
        return { stdout: "", stderr: "Invalid parameter(s)\r\n", exitCode: 1 };
      const server = serverOf(args);
      if (name === "qwinsta" || (isQuery && subcommand === "session"))
        return query("session", server);
      if (name === "quser" || isQuery) return query("user", server);
      if (name === "logoff") return logoff(args, server);
      return ok;
    },
  };
}
