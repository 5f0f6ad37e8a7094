/**
 * Every generated .ps1 (the default options, test/golden/options.yml and pwsh-options.yml,
 * which together use every option) run by real PowerShell and by the simulator on every
 * recorded listing and broker fixture, plainly and with -WhatIf. Both must make the same
 * calls, print the same "What if:" lines, write the same log lines and exit with the same code.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileOptions } from "../../src/compile.js";
import type { Artifact } from "../../src/emit/artifact.js";
import { packageRoot } from "../../src/paths.js";
import type { LogoffPlan } from "../../src/plan/plan.js";
import {
  simulatePowerShell,
  type PowerShellWorldConfig,
} from "../../src/simulate/powershell/index.js";
import type { SimulationResult } from "../../src/simulate/types.js";
import {
  brokerFixtureClock,
  brokerFixtures,
  logFolders,
  powerShellBrokerWorld,
  powerShellListingWorld,
  querySessionFixtures,
} from "../../src/validate/simulate.js";
import { goldenOptionFiles } from "../support/compilations.js";
import { optionsFromYaml } from "../support/options.js";
import { pwshGate, runUnderPwsh, whatIfLines, type PwshRun } from "./pwsh.js";

const optionFiles = [...goldenOptionFiles, "test/oracle/pwsh-options.yml"];

interface ScriptCase {
  name: string;
  artifact: Artifact;
  plan: LogoffPlan;
  world: PowerShellWorldConfig;
  args: string[];
}

const compilations = await Promise.all(
  optionFiles.map((file) =>
    compileOptions(optionsFromYaml(readFileSync(path.join(packageRoot, file), "utf8"))),
  ),
);
const listings = await querySessionFixtures();
const brokers = await brokerFixtures();

/**
 * The hostile corpus (qwinsta-hostile-*) runs under pwsh for the default options' scripts
 * only: it tests how a script reads a listing, which is the same code in every safe .ps1 (the
 * build runs every script on it through the simulator); the other listings run for all.
 */
const isHostile = (name: string): boolean => name.startsWith("qwinsta-hostile-");
const hostileListings = listings.filter((f) => isHostile(f.name)).length;

const cases: ScriptCase[] = compilations.flatMap(({ plans, artifacts }, fileIndex) =>
  artifacts
    .filter((artifact) => artifact.format === "ps1")
    .flatMap((artifact) => {
      const plan = plans.find((p) => p.target === artifact.target);
      if (!plan) throw new Error(`no plan for ${artifact.target}`);
      const worlds: [string, PowerShellWorldConfig][] = [
        ...listings
          .filter((f) => fileIndex === 0 || !isHostile(f.name))
          .map((f): [string, PowerShellWorldConfig] => [f.name, powerShellListingWorld(plan, f)]),
        ...brokers.map((f): [string, PowerShellWorldConfig] => [
          `broker-${f.name}`,
          powerShellBrokerWorld(plan, f),
        ]),
      ];
      // The RemoteDesktop module is installed but no deployment answers: auto falls back.
      const first = listings[0];
      if (first) {
        worlds.push([
          `${first.name} (module, no deployment)`,
          { ...powerShellListingWorld(plan, first), rdUserSessions: [], rdDeployment: false },
        ]);
      }
      return worlds.flatMap(([fixture, world]) =>
        [[], ["-WhatIf"]].map((args) => ({
          name: `${artifact.fileName} on ${fixture}${args.length > 0 ? ` ${args.join(" ")}` : ""}`,
          artifact,
          plan,
          world,
          args,
        })),
      );
    }),
);

/** Log lines with their timestamps masked: the two clocks differ. */
function maskedFiles(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).map(([name, content]) => [
      name,
      content.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/gm, "<time>").replace(/\r\n/g, "\n"),
    ]),
  );
}

describe("scripts under pwsh", () => {
  it("cover every .ps1 target on every listing and broker fixture (the hostile corpus: the default options')", () => {
    const targets = new Set(cases.map((c) => c.artifact.fileName));
    const defaults = compilations[0]?.artifacts.filter((a) => a.format === "ps1").length ?? 0;
    expect(targets.size).toBeGreaterThanOrEqual(15);
    expect(hostileListings).toBeGreaterThanOrEqual(40);
    expect(cases.length).toBe(
      (targets.size * (listings.length - hostileListings + brokers.length + 1) +
        defaults * hostileListings) *
        2,
    );
  });
});

describe.skipIf(!pwshGate())("scripts: pwsh and the simulator agree", () => {
  let runs: PwshRun[] = [];
  beforeAll(async () => {
    runs = await runUnderPwsh(
      cases.map((c) => ({
        script: c.artifact.bytes.toString("latin1"),
        world: { servers: c.world.servers },
        rdUserSessions: c.world.rdUserSessions,
        rdDeployment: c.world.rdDeployment,
        directory: c.world.directory,
        brokerClock: brokerFixtureClock,
        computerName: c.world.computerName,
        currentSessionId: c.world.currentSessionId,
        codePage: c.world.consoleCodePage ?? 437,
        args: c.args,
        directories: logFolders(c.plan),
      })),
    );
  }, 900_000);

  it.each(cases.map((c, index) => ({ ...c, index })))("$name", async (c) => {
    const run = runs[c.index];
    if (!run) throw new Error("no pwsh run");
    const simulated: SimulationResult = await simulatePowerShell(
      c.artifact.bytes.toString("latin1"),
      c.world,
      { args: c.args, scriptName: c.artifact.fileName, now: brokerFixtureClock },
    );
    const view = (r: {
      calls: string[];
      stdout: string;
      exitCode: number;
      files: Record<string, string>;
    }) => ({
      calls: r.calls,
      whatIf: whatIfLines(r.stdout),
      exitCode: r.exitCode,
      files: maskedFiles(r.files),
    });
    expect(
      view(run),
      `pwsh printed:\n${run.stdout}${run.threw ? `\nthrew: ${run.threw}` : ""}`,
    ).toEqual(view(simulated));
  });
});
