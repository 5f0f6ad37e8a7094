/**
 * excludeGroups under real PowerShell, with the [adsisearcher] stand-in (standins/AdsiSearcher.cs):
 * the script and the simulator keep the same members on a listing and on a broker, and both
 * log off nobody with exit 2 and the same warning when no domain answers or a group is
 * missing. The stand-in reads the same directory the build validates against.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compileOptions } from "../../src/compile.js";
import type { Artifact } from "../../src/emit/artifact.js";
import {
  simulatePowerShell,
  type PowerShellWorldConfig,
} from "../../src/simulate/powershell/index.js";
import {
  brokerFixtureClock,
  brokerFixtures,
  powerShellBrokerWorld,
  powerShellListingWorld,
  querySessionFixtures,
} from "../../src/validate/simulate.js";
import { optionsFromYaml } from "../support/options.js";
import { pwshGate, runUnderPwsh, type PwshRun } from "./pwsh.js";

const { plans, artifacts } = await compileOptions(
  optionsFromYaml(
    'targets:\n  - name: keep\n    formats: [ps1]\n    excludeGroups: [RDS-Keep-Alive, "Ops (EU)"]\n',
  ),
);
const plan = plans[0];
const script = artifacts[0];
// A name whose DN holds a backslash (CN=\#Ops...: a leading # is escaped in a DN), which the
// filter must escape again as \5c, beside a quote, parentheses, $ and %.
const hostile = await compileOptions(
  optionsFromYaml(
    "targets:\n  - name: hostile\n    formats: [ps1]\n    excludeGroups: [\"#Ops (EU) 'x' $y %z%\"]\n",
  ),
);
const hostilePlan = hostile.plans[0];
const hostileScript = hostile.artifacts[0];
const listing = (await querySessionFixtures()).find(
  (f) => f.name === "qwinsta-es-remote-multiword-header-active-disc-blank-sessionname-cp850",
);
const broker = (await brokerFixtures()).find((f) => f.name === "all-four-states");
if (!plan || !script || !hostilePlan || !hostileScript || !listing || !broker) {
  throw new Error("no plan, script or fixture");
}

const listingWorld = powerShellListingWorld(plan, listing);
const worlds: [string, Artifact, PowerShellWorldConfig][] = [
  ["members kept on a listing", script, listingWorld],
  ["members kept on a broker", script, powerShellBrokerWorld(plan, broker)],
  ["no domain answers", script, { ...listingWorld, directory: { reachable: false, groups: [] } }],
  ["a group is missing", script, { ...listingWorld, directory: { reachable: true, groups: [] } }],
  [
    "a group name that needs escaping twice",
    hostileScript,
    powerShellListingWorld(hostilePlan, listing),
  ],
];

/**
 * The warnings a run printed (the simulator writes them to stderr, pwsh to the host, in
 * colour: the escape sequences around the text are dropped).
 */
const warnings = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .filter((line) => line.includes("WARNING: "))
    .map((line) => line.slice(line.indexOf("WARNING: ")).split("\u001b")[0] ?? "");

describe.skipIf(!pwshGate())("excludeGroups: pwsh and the simulator agree", () => {
  let runs: PwshRun[] = [];
  beforeAll(async () => {
    runs = await runUnderPwsh(
      worlds.map(([, artifact, world]) => ({
        script: artifact.bytes.toString("latin1"),
        world: { servers: world.servers },
        rdUserSessions: world.rdUserSessions,
        directory: world.directory,
        brokerClock: brokerFixtureClock,
        computerName: world.computerName,
        currentSessionId: world.currentSessionId,
        codePage: world.consoleCodePage ?? 437,
      })),
    );
  }, 300_000);

  it.each(worlds.map(([name, artifact, world], index) => ({ name, artifact, world, index })))(
    "$name",
    async (c) => {
      const run = runs[c.index];
      if (!run) throw new Error("no pwsh run");
      const simulated = await simulatePowerShell(c.artifact.bytes.toString("latin1"), c.world, {
        scriptName: c.artifact.fileName,
        now: brokerFixtureClock,
      });
      const failed = c.name === "no domain answers" || c.name === "a group is missing";
      expect(
        { calls: run.calls, exitCode: run.exitCode, warnings: warnings(run.stdout) },
        `pwsh printed:\n${run.stdout}${run.threw ? `\nthrew: ${run.threw}` : ""}`,
      ).toEqual({
        calls: simulated.calls,
        exitCode: simulated.exitCode,
        warnings: warnings(simulated.stderr),
      });
      expect(simulated.exitCode).toBe(failed ? 2 : 0);
      if (failed) {
        expect(warnings(simulated.stderr)).toEqual([
          "WARNING: rdlogoff: group RDS-Keep-Alive: could not read its members from the directory; logged off nobody",
        ]);
      } else {
        // The groups were read (exit 0 above), and the non-members were logged off.
        expect(
          simulated.calls.filter((call) => /^(logoff|invoke-rduserlogoff) /.test(call)).length,
        ).toBeGreaterThan(0);
      }
    },
  );
});
