import type {
  PowerShellWorldConfig,
  RdUserSession,
} from "../../../src/simulate/powershell/index.js";
import type { ProcessResult } from "../../../src/simulate/types.js";

/**
 * Shared fixtures of the PowerShell simulator tests. The listing follows the narrow column
 * grid of a real Windows 10 capture (itm4n/PrintSpoofer README, see
 * /work/shared/reference/query-samples) with one disconnected, blank-name row added the way
 * FORMAT-NOTES.md §1 documents them.
 */
export const narrowListing =
  [
    " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE",
    " services                                    0  Disc",
    ">console           Administrator             1  Active",
    " rdp-tcp#3         alice                     3  Active",
    "                   bob                       4  Disc",
    " rdp-tcp                                 65536  Listen",
  ].join("\r\n") + "\r\n";

export function printed(stdout: string): ProcessResult {
  return { stdout, stderr: "", exitCode: 0 };
}

/** Two RD Session Hosts behind a broker; alice is active, bob and carol are disconnected. */
export const rdSessions: RdUserSession[] = [
  {
    HostServer: "rdsh01.contoso.com",
    UnifiedSessionId: 3,
    SessionId: 3,
    UserName: "alice",
    DomainName: "CONTOSO",
    CollectionName: "Desktops",
    SessionState: "STATE_ACTIVE",
    IdleTime: 0,
  },
  {
    HostServer: "rdsh01.contoso.com",
    UnifiedSessionId: 4,
    SessionId: 4,
    UserName: "bob",
    DomainName: "CONTOSO",
    CollectionName: "Desktops",
    SessionState: "STATE_DISCONNECTED",
    IdleTime: 5_400_000,
  },
  {
    HostServer: "rdsh02.contoso.com",
    UnifiedSessionId: 3,
    SessionId: 3,
    UserName: "carol",
    DomainName: "CONTOSO",
    CollectionName: "Apps",
    SessionState: "STATE_DISCONNECTED",
    IdleTime: 60_000,
  },
];

/** The local server prints `narrowListing` and has sessions 1, 3 and 4; the broker has rdSessions. */
export function standardWorld(
  overrides: Partial<PowerShellWorldConfig> = {},
): PowerShellWorldConfig {
  return {
    servers: { "": { querySession: printed(narrowListing), sessionIds: [0, 1, 3, 4] } },
    rdUserSessions: rdSessions,
    ...overrides,
  };
}

/** Joins console lines the way the simulator prints them (CRLF after each). */
export function lines(...text: string[]): string {
  return text.map((line) => `${line}\r\n`).join("");
}
