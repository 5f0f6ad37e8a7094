/**
 * The oracle cache (oracleCache.ts) with a stand-in oracle that counts the cases it runs: a
 * kept run answers again without the oracle, and anything its key names (the case, the
 * identity) or its rules leave out (a run not kept, a case not cacheable, the cache off) runs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { oracleCache } from "./oracleCache.js";

interface Case {
  script: string;
}

let ran: string[] = [];
const oracle = async (cases: Case[]): Promise<string[]> => {
  ran.push(...cases.map((c) => c.script));
  return cases.map((c) => c.script.toUpperCase());
};

let dir = "";
// CI runs the suite with RDLOGOFF_ORACLE_CACHE=0; these tests choose their own setting.
const { RDLOGOFF_ORACLE_CACHE: given, RDLOGOFF_ORACLE_CACHE_DIR: givenDir } = process.env;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "rdl-oracle-cache-"));
  process.env.RDLOGOFF_ORACLE_CACHE_DIR = dir;
  delete process.env.RDLOGOFF_ORACLE_CACHE;
  ran = [];
});
afterEach(() => {
  if (given === undefined) delete process.env.RDLOGOFF_ORACLE_CACHE;
  else process.env.RDLOGOFF_ORACLE_CACHE = given;
  if (givenDir === undefined) delete process.env.RDLOGOFF_ORACLE_CACHE_DIR;
  else process.env.RDLOGOFF_ORACLE_CACHE_DIR = givenDir;
  rmSync(dir, { recursive: true, force: true });
});

describe("oracle cache", () => {
  it("answers a kept case without the oracle, in the cases' order", async () => {
    const cache = oracleCache<Case, string>("test", () => "v1");
    expect(await cache.runs([{ script: "a" }, { script: "b" }], oracle)).toEqual(["A", "B"]);
    expect(await cache.runs([{ script: "c" }, { script: "b" }, { script: "a" }], oracle)).toEqual([
      "C",
      "B",
      "A",
    ]);
    expect(ran).toEqual(["a", "b", "c"]);
  });

  it("runs again for another identity, a run not kept, a case not cacheable", async () => {
    await oracleCache<Case, string>("test", () => "v1").runs([{ script: "a" }], oracle);
    await oracleCache<Case, string>("test", () => "v2").runs([{ script: "a" }], oracle);
    const judged = oracleCache<Case, string>("test", () => "v3");
    await judged.runs([{ script: "a" }], oracle, () => false);
    await judged.runs([{ script: "a" }], oracle);
    const hostPaths = oracleCache<Case, string>(
      "test",
      () => "v1",
      (c) => c.script !== "z",
    );
    await hostPaths.runs([{ script: "z" }], oracle);
    await hostPaths.runs([{ script: "z" }], oracle);
    expect(ran).toEqual(["a", "a", "a", "a", "z", "z"]);
  });

  it("keeps a run put after a judged repeat", async () => {
    const cache = oracleCache<Case, string>("test", () => "v1");
    cache.put({ script: "a" }, "again");
    expect(await cache.runs([{ script: "a" }], oracle)).toEqual(["again"]);
    expect(ran).toEqual([]);
  });

  it("runs every case when RDLOGOFF_ORACLE_CACHE=0", async () => {
    process.env.RDLOGOFF_ORACLE_CACHE = "0";
    const cache = oracleCache<Case, string>("test", () => "v1");
    await cache.runs([{ script: "a" }], oracle);
    await cache.runs([{ script: "a" }], oracle);
    expect(ran).toEqual(["a", "a"]);
  });
});
