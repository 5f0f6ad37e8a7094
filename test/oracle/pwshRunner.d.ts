import type { RdUserSession } from "../../src/simulate/powershell/index.js";
import type { Directory } from "../../src/simulate/types.js";
import type { SessionWorldConfig } from "../../src/simulate/world.js";

/** One script run under pwsh: the script (ASCII or latin1 byte text) and its world. */
export interface PwshCase {
  script: string;
  world: SessionWorldConfig;
  /** Get-RDUserSession objects; undefined: the RemoteDesktop module is absent. */
  rdUserSessions?: RdUserSession[];
  /** false: Get-RDUserSession fails as without a deployment. Default true. */
  rdDeployment?: boolean;
  /**
   * The simulated clock the sessions' DisconnectTime values are written against (the stand-in
   * module moves them to the real clock). Default 2024-01-01 00:00:00, the simulator's.
   */
  brokerClock?: Date;
  /** `$env:COMPUTERNAME`. */
  computerName?: string;
  /** `(Get-Process -Id $PID).SessionId`. */
  currentSessionId?: number;
  args?: string[];
  /** [Console]::OutputEncoding's code page: 437, 850, 866 or 65001. Default 437. */
  codePage?: number;
  /** The domain [adsisearcher] searches; undefined: the host is in no domain. */
  directory?: Directory;
  /** Windows folders (C:\...) that exist before the run, for a log the script writes. */
  directories?: string[];
  /** More environment variables the script starts with. */
  env?: Record<string, string>;
}

/** What one pwsh run of a script did. */
export interface PwshRun {
  calls: string[];
  /** What the script printed to the host, CRLF lines. */
  stdout: string;
  exitCode: number;
  /** What the script wrote to [Console]::Error (powershell.exe prints it on stderr). */
  consoleError: string;
  /** The terminating error the script ended on, if any. */
  threw?: string;
  /** Files the script wrote under the Windows folders, by Windows path. */
  files: Record<string, string>;
}

export declare const pwshVersion: string;
export declare const hostCompiler: string;
export declare function pwshBinary(): string;
export declare function installedPwsh(): { version: string; runtime: string };
export declare function pwshAvailable(): { ok: true } | { ok: false; reason: string };
export declare function preparePwsh(): Promise<{
  root: string;
  binDir: string;
  modulePath: string;
}>;
export declare function disposePwsh(): void;
export declare function runUnderPwsh(
  cases: PwshCase[],
  options?: { processes?: number },
): Promise<PwshRun[]>;
