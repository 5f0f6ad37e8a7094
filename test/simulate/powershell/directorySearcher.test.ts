/**
 * `[adsisearcher]` in the PowerShell simulator: RFC 4515 filters (escapes, wildcards, a
 * malformed filter), LDAP_MATCHING_RULE_IN_CHAIN through nested groups and a cycle, the page
 * size, and a domain that does not answer.
 */
import { describe, expect, it } from "vitest";
import { simulatePowerShell } from "../../../src/simulate/powershell/index.js";
import type { Directory } from "../../../src/simulate/types.js";

const directory: Directory = {
  reachable: true,
  groups: [
    {
      name: "RDS-Keep-Alive",
      members: [
        { kind: "user", name: "alice" },
        { kind: "group", name: "Ops (EU)" },
      ],
    },
    {
      name: "Ops (EU)",
      members: [
        { kind: "user", name: "b*b" },
        { kind: "group", name: "RDS-Keep-Alive" },
      ],
    },
    { name: "Other", members: [{ kind: "user", name: "carol" }], primaryMembers: ["dave"] },
  ],
};

const escape =
  "function Esc { param([string]$Text); return $Text -replace '\\\\', '\\5c' -replace '\\*', '\\2a' -replace '\\(', '\\28' -replace '\\)', '\\29' }";

/** Runs the lines on a host of the domain, or (`"no domain"`) on a host in none. */
async function run(lines: string[], world: Directory | "no domain" = directory) {
  const script = [escape, ...lines].join("\r\n");
  return simulatePowerShell(script, {
    servers: {},
    ...(world === "no domain" ? {} : { directory: world }),
  });
}

describe("[adsisearcher] in the simulator", () => {
  it("finds a group by an escaped name and its members through nesting and a cycle", async () => {
    const result = await run([
      "$found = @(([adsisearcher]('(&(objectCategory=group)(sAMAccountName=' + (Esc 'Ops (EU)') + '))')).FindAll())",
      "$dn = [string]$found[0].Properties['distinguishedname'][0]",
      "Write-Output $found.Count $dn",
      "$s = [adsisearcher]('(&(objectCategory=person)(objectClass=user)(memberOf:1.2.840.113556.1.4.1941:=' + (Esc $dn) + '))')",
      "foreach ($r in @($s.FindAll())) { Write-Output ([string]$r.Properties['samaccountname'][0]) }",
    ]);
    expect(result.stdout).toBe(
      "1\r\nCN=Ops (EU),OU=Groups,DC=corp,DC=example,DC=com\r\nalice\r\nb*b\r\n",
    );
  });

  it("reads an unescaped * as a wildcard and an unescaped ( as a malformed filter", async () => {
    const result = await run([
      "Write-Output @(([adsisearcher]'(sAMAccountName=b*)').FindAll()).Count",
      "try { $null = ([adsisearcher]'(sAMAccountName=Ops (EU))').FindAll() } catch { Write-Output 'refused' }",
    ]);
    expect(result.stdout).toBe("1\r\nrefused\r\n");
  });

  it("gives a group's objectSid, whose relative id finds the users of that primary group", async () => {
    const result = await run([
      "$sid = @(([adsisearcher]'(sAMAccountName=Other)').FindAll())[0].Properties['objectsid'][0]",
      "$rid = [BitConverter]::ToUInt32($sid, $sid.Length - 4)",
      "Write-Output $sid.Length $rid",
      "foreach ($r in @(([adsisearcher]('(primaryGroupID=' + $rid + ')')).FindAll())) { Write-Output ([string]$r.Properties['samaccountname'][0]) }",
      "Write-Output @(([adsisearcher]'(primaryGroupID=513)').FindAll()).Count",
    ]);
    // S-1-5-21-1-2-3-1102 is 28 bytes; every other user (alice, b*b, carol) is in Domain Users.
    expect(result.stdout).toBe("28\r\n1102\r\ndave\r\n3\r\n");
  });

  it("returns at most 1000 entries unless a page size is set", async () => {
    const many: Directory = {
      reachable: true,
      groups: [
        {
          name: "Big",
          members: Array.from({ length: 1001 }, (_, i) => ({
            kind: "user" as const,
            name: `u${i}`,
          })),
        },
      ],
    };
    const result = await run(
      [
        "$s = [adsisearcher]'(objectCategory=person)'",
        "Write-Output @($s.FindAll()).Count",
        "$s.PageSize = 1000",
        "Write-Output @($s.FindAll()).Count",
      ],
      many,
    );
    expect(result.stdout).toBe("1000\r\n1001\r\n");
  });

  it("throws a catchable error when no domain answers", async () => {
    const lines = [
      "try { $null = ([adsisearcher]'(objectCategory=group)').FindAll(); Write-Output 'found' } catch { Write-Output $_.Exception.Message }",
    ];
    const expected =
      'Exception calling "FindAll" with "0" argument(s): "The specified domain either does not exist or could not be contacted."\r\n';
    expect((await run(lines, "no domain")).stdout).toBe(expected);
    expect((await run(lines, { reachable: false, groups: [] })).stdout).toBe(expected);
  });
});
