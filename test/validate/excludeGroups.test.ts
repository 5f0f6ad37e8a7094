/**
 * `excludeGroups` (rdlogoff issue 12, item 7): the .ps1 reads the groups' members, nested ones
 * included, through [adsisearcher] before any server is listed, and keeps them; when the
 * directory cannot say who is in a group it logs off nobody and exits 2, naming the group.
 * The .bat is refused: net group lists direct members only.
 */
import { describe, expect, it } from "vitest";
import { compileOptions } from "../../src/compile.js";
import type { Artifact } from "../../src/emit/artifact.js";
import {
  groupDirectory,
  outcomeMismatch,
  querySessionFixtures,
  runPowerShellOnFixture,
  runPowerShellWithoutGroups,
} from "../../src/validate/simulate.js";
import { optionsFromYaml } from "../support/options.js";

const target = (groups: string): string =>
  `targets:\n  - name: keep\n    formats: [ps1]\n    excludeGroups: [${groups}]\n`;

const { plans, artifacts } = await compileOptions(optionsFromYaml(target('"Ops (EU)", Other')));
const plan = plans[0];
const script = artifacts[0];
const fixture = (await querySessionFixtures()).find(
  (f) => f.name === "qwinsta-es-remote-multiword-header-active-disc-blank-sessionname-cp850",
);
if (!plan || !script || !fixture) throw new Error("no plan, script or fixture");

describe("excludeGroups in the .ps1", () => {
  it("asks the directory with escaped values and the in-chain matching rule", () => {
    const text = script.bytes.toString("latin1");
    expect(text).toContain("memberOf:1.2.840.113556.1.4.1941:=");
    expect(text).toContain("$excludeGroups = @('Ops (EU)', 'Other')");
    expect(text).toContain("$searcher.PageSize = 1000");
  });

  it("keeps direct and nested members, and logs off the others", async () => {
    const run = await runPowerShellOnFixture(script, plan, fixture);
    expect(outcomeMismatch(run)).toBeUndefined();
    const directory = groupDirectory(plan, ["a", "b", "c"]);
    expect(directory?.groups.map((g) => g.name)).toEqual(["Ops (EU)", "Ops (EU)-nested", "Other"]);
    // The eleven users in listing order: sap, SAP2, jcalderon, ljimenez, yzlatar, ccoro, sap3,
    // fgutierrez, dmendez, ebanegass, marcoalt. Every third, from the first, is a direct member;
    // the second and eighth are members of the nested group, the fifth (yzlatar) has it as
    // primary group: only the third, sixth and ninth go.
    const users = fixture.truth.kind === "listing" ? fixture.truth.sessions : [];
    const loggedOffUsers = run.loggedOff.map(
      (call) => users.find((s) => s.id === Number(call.split(" ")[1]))?.user,
    );
    expect(loggedOffUsers).toEqual(["jcalderon", "ccoro", "dmendez"]);
  });

  it("fails the build of a script that misses members by primary group", async () => {
    const text = script.bytes.toString("latin1");
    const primaryGroupSearch =
      "$members += @(Get-RdlAccountNames -Filter ('(&(objectCategory=person)(objectClass=user)(primaryGroupID=' + $rid + '))'))";
    expect(text).toContain(primaryGroupSearch);
    const careless: Artifact = {
      ...script,
      bytes: Buffer.from(text.replace(primaryGroupSearch, "$null = $rid"), "latin1"),
    };
    const run = await runPowerShellOnFixture(careless, plan, fixture);
    expect(outcomeMismatch(run)).toMatch(/logoff 9/);
  });

  it("logs off nobody and exits 2 when no domain answers or a group is missing", async () => {
    const runs = await runPowerShellWithoutGroups(script, plan, fixture);
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      expect(run.loggedOff).toEqual([]);
      expect(run.exitCode).toBe(2);
      expect(outcomeMismatch(run)).toBeUndefined();
    }
  });

  it("fails the build of a script that ignores a failed lookup", async () => {
    const text = script.bytes.toString("latin1");
    const failExit = "could not be read')\r\n    exit 2";
    expect(text).toContain(failExit);
    const careless: Artifact = {
      ...script,
      bytes: Buffer.from(text.replace(failExit, "could not be read')"), "latin1"),
    };
    const runs = await runPowerShellWithoutGroups(careless, plan, fixture);
    expect(runs.map(outcomeMismatch)).toEqual([
      expect.stringMatching(/must log off nobody and exit 2/),
      expect.stringMatching(/must log off nobody and exit 2/),
    ]);
  });
});

describe("excludeGroups in the options", () => {
  it("refuses the .bat, which cannot see nested members", () => {
    expect(() =>
      optionsFromYaml("targets:\n  - name: t\n    excludeGroups: [RDS-Keep-Alive]\n"),
    ).toThrow(
      /rdlogoff\.config\.yml:3:\d+ targets\[0\]\.excludeGroups: a batch file cannot honour excludeGroups: net group lists a group's direct members only/,
    );
  });

  it("refuses the KB style, whose scripts have no such option", () => {
    expect(() =>
      optionsFromYaml(
        "targets:\n  - name: t\n    style: kb\n    formats: [ps1]\n    excludeGroups: [G]\n",
      ),
    ).toThrow(
      /rdlogoff\.config\.yml:5:\d+ targets\[0\]\.excludeGroups: the KB scripts have no excludeGroups option/,
    );
  });

  it("refuses a name no Active Directory group has, naming its file and line", () => {
    expect(() => optionsFromYaml(target('"a;b"'))).toThrow(
      /rdlogoff\.config\.yml:4:\d+ targets\[0\]\.excludeGroups\[0\]: group name "a;b" contains ";", which no Active Directory group name holds/,
    );
    expect(() => optionsFromYaml(target('"trailing "'))).toThrow(/starts or ends with a space/);
  });
});
