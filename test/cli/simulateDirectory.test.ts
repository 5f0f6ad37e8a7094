/**
 * `rdlogoff simulate --directory`: a .ps1 of excludeGroups run against a domain given as JSON
 * keeps the groups' members (nested ones too); without the file the host is in no domain and
 * the script logs off nobody; a file of the wrong shape is refused, naming what is wrong.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileOptions } from "../../src/compile.js";
import { runMain } from "../support/cli.js";
import { optionsFromYaml } from "../support/options.js";

const dir = mkdtempSync(path.join(tmpdir(), "rdlogoff-simulate-directory-"));
const { artifacts } = await compileOptions(
  optionsFromYaml(
    "targets:\n  - name: keep\n    formats: [ps1]\n    excludeGroups: [RDS-Keep-Alive]\n",
  ),
);
const script = artifacts[0];
if (!script) throw new Error("no script");
writeFileSync(path.join(dir, "keep.ps1"), script.bytes);
writeFileSync(
  path.join(dir, "listing.txt"),
  [
    " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE ",
    " services                                    0  Disc                        ",
    " rdp-tcp#1         alice                     2  Active                      ",
    " rdp-tcp#2         bob                       3  Active                      ",
    "",
  ].join("\r\n"),
);
writeFileSync(
  path.join(dir, "domain.json"),
  JSON.stringify({
    reachable: true,
    groups: [
      { name: "RDS-Keep-Alive", members: [{ kind: "group", name: "Inner" }] },
      { name: "Inner", members: [{ kind: "user", name: "ALICE" }] },
    ],
  }),
);
writeFileSync(
  path.join(dir, "bad.json"),
  JSON.stringify({ reachable: true, groups: [{ name: 5 }] }),
);

const simulate = (...args: string[]) =>
  runMain(dir, ["simulate", "keep.ps1", "--fixture", "listing.txt", ...args]);

describe("rdlogoff simulate --directory", () => {
  it("keeps a member of a nested group and logs off the others", async () => {
    const run = await simulate("--directory", "domain.json");
    expect({ code: run.code, stdout: run.stdout }).toEqual({
      code: 0,
      stdout: "query session\nlogoff 3\n",
    });
  });

  it("logs off nobody on a host in no domain", async () => {
    const run = await simulate("--exit-code");
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    expect(run.stderr).toContain(
      "WARNING: rdlogoff: group RDS-Keep-Alive: could not read its members from the directory; logged off nobody",
    );
  });

  it("refuses a directory file of the wrong shape", async () => {
    const run = await simulate("--directory", "bad.json");
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 2,
      stderr: 'rdlogoff simulate: bad.json: groups[0] must have a "name"\n',
    });
  });
});
