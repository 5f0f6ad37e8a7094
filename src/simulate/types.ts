/**
 * Types shared by the batch and PowerShell simulators.
 *
 * Text is carried as byte strings: every character is one byte (0-255), as read with
 * `Buffer.toString("latin1")`. cmd.exe compares the bytes of the script with the bytes
 * the tools print in the console's OEM code page, so the simulators must too.
 */

/** What an external program did. */
export interface ProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * One call the script made to the outside, as the call log records it: an external program,
 * or a RemoteDesktop cmdlet acting on a session.
 */
export interface ExternalCall {
  /**
   * Program name, lower-case, without directory or extension (`logoff`); a cmdlet's name in
   * lower case (`invoke-rduserlogoff`).
   */
  program: string;
  /**
   * Arguments split as the Microsoft C runtime splits a command line; for a cmdlet, its
   * parameters in canonical spelling, a value with blanks or quotes in double quotes.
   */
  args: string[];
}

/** An RDUserSession as the fixtures describe it (Get-RDUserSession's properties). */
export interface RdUserSession {
  HostServer: string;
  UnifiedSessionId: number;
  SessionId: number;
  UserName: string;
  DomainName: string;
  CollectionName: string;
  /** `STATE_ACTIVE`, `STATE_DISCONNECTED`, ... */
  SessionState: string;
  /** Milliseconds. */
  IdleTime: number;
  /**
   * When the session was disconnected (a DateTime on the real object): local wall-clock time
   * as `yyyy-MM-ddTHH:mm:ss`, no zone; null or absent when the broker gives none.
   */
  DisconnectTime?: string | null;
}

/** A RemoteDesktop cmdlet acting on one session, with the parameters the script bound. */
export interface RdSessionCall {
  cmdlet: "Invoke-RDUserLogoff" | "Disconnect-RDUser" | "Send-RDUserMessage";
  hostServer: string;
  unifiedSessionId: number;
  /** Its other parameters in declaration order: a switch as true, a value as text. */
  parameters: readonly (readonly [name: string, value: string | true])[];
}

/**
 * The Remote Desktop Services deployment the RemoteDesktop module reaches through its
 * Connection Broker.
 */
export interface RdDeployment {
  /** false: the module is installed but no deployment answers (Get-RDUserSession fails). */
  readonly exists: boolean;
  /** The broker's sessions now, in order: a logoff removes one, a disconnect changes its state. */
  readonly sessions: readonly Readonly<RdUserSession>[];
  /**
   * Records the call in `World.calls`, then acts on the session. Returns false when the host
   * has no session with that id (the cmdlet then writes an error).
   */
  invoke(call: RdSessionCall): boolean;
}

/** A member of a directory group: a user or another group, by sAMAccountName. */
export interface DirectoryMember {
  kind: "user" | "group";
  name: string;
}

/** An Active Directory domain as ADSI's `[adsisearcher]` reaches it. */
export interface Directory {
  /** false: no domain controller answers (a host in no domain, the network down): a search throws. */
  reachable: boolean;
  /**
   * Every group, by sAMAccountName, with its direct members (a group may nest, even in a cycle)
   * and the users whose primary group it is: Active Directory keeps those in the user's
   * primaryGroupID, never in the group's member list nor the user's memberOf.
   */
  groups: { name: string; members: DirectoryMember[]; primaryMembers?: string[] }[];
}

/**
 * The outside world of a simulated script. Every external program goes through `exec`, every
 * RemoteDesktop cmdlet through `rdDeployment`; nothing in a simulator touches the real system.
 */
export interface World {
  /**
   * Runs an external program. `commandTail` is the raw text after the program name, as the
   * shell would pass it to CreateProcess. Returns undefined when no such program exists
   * (cmd then prints "is not recognized..." and sets errorlevel 9009).
   */
  exec(program: string, commandTail: string, stdin: string): ProcessResult | undefined;
  /**
   * Whether a program the world knows of is absent from this host (exec then returns
   * undefined): PowerShell throws CommandNotFoundException for it, where a program outside the
   * simulated world is a construct the simulator does not model.
   */
  isMissing?(program: string): boolean;
  /** Every call made so far, in order. */
  readonly calls: readonly ExternalCall[];
  /** The deployment the RemoteDesktop module manages; undefined: the module is not installed. */
  readonly rdDeployment?: RdDeployment;
  /** The domain `[adsisearcher]` searches; undefined: the host is in no domain. */
  readonly directory?: Directory;
  /**
   * Windows folders that exist (`C:\ProgramData\rdlogoff`), for the files a script writes;
   * undefined: the world models none, and a file is written wherever a script writes it.
   */
  readonly folders?: readonly string[];
}

/** The outcome of one simulated run. */
export interface SimulationResult {
  /** One line per external program call: `logoff 3`, `query session /server:rdsh01`. */
  calls: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
  steps: number;
  /** Files the script left in its in-memory file system, by Windows path (byte strings). */
  files: Record<string, string>;
}

/** Thrown when a run exceeds its step bound (an endless `goto` loop). */
export class StepLimitError extends Error {
  constructor(
    readonly steps: number,
    message: string,
  ) {
    super(message);
    this.name = "StepLimitError";
  }
}

/**
 * The JavaScript engine's own limits, which a runaway script can reach before its step bound:
 * `call` nested inside loops thousands deep, a string doubled past V8's maximum length.
 */
const engineLimit =
  /^(Maximum call stack size exceeded|Invalid string length|Invalid array length)$/;

/**
 * Runs a simulation, reporting a run that reached the engine's limits as one past its bounds
 * (a StepLimitError) rather than letting the engine's error crash the caller.
 */
export function withinEngineLimits<T>(run: () => T, steps: () => number): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RangeError && engineLimit.test(error.message)) {
      throw new StepLimitError(
        steps(),
        `The run went past what the simulator can follow (${error.message.toLowerCase()})`,
      );
    }
    throw error;
  }
}
