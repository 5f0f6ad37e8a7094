import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { fixturesDir } from "../../../src/paths.js";
import {
  simulatePowerShell,
  type PowerShellWorldConfig,
} from "../../../src/simulate/powershell/index.js";
import { rpcUnavailableText } from "../../../src/simulate/world.js";
import { lines, narrowListing, printed, standardWorld } from "./support.js";

/** The two PowerShell scripts of KB 259436 (Windows Server version), verbatim from the fixture. */
function kbScripts(): string[] {
  const text = readFileSync(path.join(fixturesDir, "kb", "kb259436-windows-server.md"), "utf8");
  return [...text.matchAll(/```powershell\r?\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

const [kbAll = "", kbDisconnected = ""] = kbScripts();

/**
 * A "query mode" script of the kind the safe templates emit: parse `query session` by the
 * narrow layout's columns (FORMAT-NOTES.md §1: name at 1, user at 19, ID ending at 45, state
 * at 48), skip the current session, services, listeners and rows without a user, and log off
 * with native logoff behind ShouldProcess.
 */
const queryModeScript = `[CmdletBinding(SupportsShouldProcess)]
param(
    [switch]$DisconnectedOnly
)

$lines = @(query session 2>&1)
if ($LASTEXITCODE -ne 0) {
    Write-Warning ('query session failed: ' + ($lines -join ' '))
    exit 2
}
$failed = 0
foreach ($line in $lines | Select-Object -Skip 1) {
    if ($line.Length -lt 49) { continue }
    $user = $line.Substring(19, 22).Trim()
    $idText = $line.Substring(38, 8).Trim()
    $state = $line.Substring(48).Trim().Split(' ')[0]
    if ($line.StartsWith('>') -or $user -eq '' -or $idText -notmatch '^\\d+$') { continue }
    $id = [int]$idText
    if ($id -eq 0 -or $id -ge 65536) { continue }
    if ($DisconnectedOnly -and $state -ne 'Disc') { continue }
    if ($PSCmdlet.ShouldProcess("session $id ($user)", 'Log off')) {
        logoff $id 2>$null
        if ($LASTEXITCODE -ne 0) {
            Write-Warning ("logoff {0} failed with exit code {1}" -f $id, $LASTEXITCODE)
            $failed++
        }
    }
}
if ($failed -gt 0) { exit 1 }
exit 0
`;

interface Row {
  name: string;
  script: string;
  world: PowerShellWorldConfig;
  args?: string[];
  want: { stdout: string; stderr: string; calls: string[]; exitCode: number };
}

const rows: Row[] = [
  {
    name: "KB: log off every session the broker lists",
    script: kbAll,
    world: standardWorld(),
    want: {
      stdout: "",
      stderr: "",
      exitCode: 0,
      calls: [
        "invoke-rduserlogoff -HostServer rdsh01.contoso.com -UnifiedSessionID 3 -Force",
        "invoke-rduserlogoff -HostServer rdsh01.contoso.com -UnifiedSessionID 4 -Force",
        "invoke-rduserlogoff -HostServer rdsh02.contoso.com -UnifiedSessionID 3 -Force",
      ],
    },
  },
  {
    name: "KB: log off only disconnected sessions (the ? {...} variant)",
    script: kbDisconnected,
    world: standardWorld(),
    want: {
      stdout: "",
      stderr: "",
      exitCode: 0,
      calls: [
        "invoke-rduserlogoff -HostServer rdsh01.contoso.com -UnifiedSessionID 4 -Force",
        "invoke-rduserlogoff -HostServer rdsh02.contoso.com -UnifiedSessionID 3 -Force",
      ],
    },
  },
  {
    name: "KB: -WhatIf does not protect anyone (no CmdletBinding; the cmdlet has no -WhatIf)",
    script: kbDisconnected,
    world: standardWorld(),
    args: ["-WhatIf"],
    want: {
      stdout: "",
      stderr: "",
      exitCode: 0,
      calls: [
        "invoke-rduserlogoff -HostServer rdsh01.contoso.com -UnifiedSessionID 4 -Force",
        "invoke-rduserlogoff -HostServer rdsh02.contoso.com -UnifiedSessionID 3 -Force",
      ],
    },
  },
  {
    name: "KB: on a host without the RemoteDesktop module nothing happens but an error",
    script: kbAll,
    world: standardWorld({ rdUserSessions: undefined }),
    want: {
      stdout: "",
      stderr: lines(
        "Get-RDUserSession : The term 'Get-RDUserSession' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
      ),
      exitCode: 0,
      calls: [],
    },
  },
  {
    name: "query mode: logs off the other users' sessions",
    script: queryModeScript,
    world: standardWorld(),
    want: { stdout: "", stderr: "", exitCode: 0, calls: ["query session", "logoff 3", "logoff 4"] },
  },
  {
    name: "query mode: -DisconnectedOnly",
    script: queryModeScript,
    world: standardWorld(),
    args: ["-DisconnectedOnly"],
    want: { stdout: "", stderr: "", exitCode: 0, calls: ["query session", "logoff 4"] },
  },
  {
    name: "query mode: -WhatIf prints and calls nothing but query",
    script: queryModeScript,
    world: standardWorld(),
    args: ["-WhatIf"],
    want: {
      stdout: lines(
        'What if: Performing the operation "Log off" on target "session 3 (alice)".',
        'What if: Performing the operation "Log off" on target "session 4 (bob)".',
      ),
      stderr: "",
      exitCode: 0,
      calls: ["query session"],
    },
  },
  {
    name: "query mode: a session gone before logoff is a warning and exit 1",
    script: queryModeScript,
    world: standardWorld({
      servers: { "": { querySession: printed(narrowListing), sessionIds: [0, 1, 3] } },
    }),
    want: {
      stdout: "",
      stderr: lines("WARNING: logoff 4 failed with exit code 1"),
      exitCode: 1,
      calls: ["query session", "logoff 3", "logoff 4"],
    },
  },
  {
    name: "query mode: query session failing is exit 2",
    script: queryModeScript,
    world: standardWorld({
      servers: {
        "": {
          querySession: { stdout: "", stderr: rpcUnavailableText, exitCode: 1 },
          sessionIds: [],
        },
      },
    }),
    want: {
      stdout: "",
      stderr: lines(
        "WARNING: query session failed: Error 0x000006BA enumerating sessionnames Error [1722]:The RPC server is unavailable.",
      ),
      exitCode: 2,
      calls: ["query session"],
    },
  },
];

describe("whole scripts", () => {
  test("the KB fixture holds its two PowerShell scripts", () => {
    expect(kbScripts()).toHaveLength(2);
  });

  test.each(rows.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const result = await simulatePowerShell(
      row.script,
      row.world,
      row.args ? { args: row.args } : {},
    );
    const got = {
      stdout: result.stdout,
      stderr: result.stderr,
      calls: result.calls,
      exitCode: result.exitCode,
    };
    expect(got, `args: ${JSON.stringify(row.args ?? [])}`).toEqual(row.want);
  });
});
