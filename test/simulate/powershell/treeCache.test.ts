/**
 * Checked PowerShell trees kept on disk (src/simulate/powershell/treeCache.ts): parsing a
 * script with `keep` keeps its tree (and without it, none), a kept tree reads back as it was,
 * and nothing is read for another script, for a damaged entry, or with the cache turned off.
 */
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseScript } from "../../../src/simulate/powershell/syntax.js";
import { keepTree, keptTree } from "../../../src/simulate/powershell/treeCache.js";

const script =
  "$names = @('a', 'b')\r\nforeach ($n in $names) { if ($n -eq 'b') { logoff.exe 3 } }\r\n";

describe("the PowerShell tree cache", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "rdlogoff-tree-"));
    vi.stubEnv("RDLOGOFF_CACHE_DIR", dir);
    vi.stubEnv("RDLOGOFF_CACHE", "1");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("keeps the tree of a script parsed with keep, and reads it back as it was", async () => {
    const plain = `${script}# parsed without keep\r\n`;
    await parseScript(plain);
    expect(readdirSync(dir)).toEqual([]);
    // A text no other test parses: parseScript answers a text it parsed before (without keep)
    // from memory, in any order of the tests and whatever file ran before in this worker.
    const kept = `${script}# parsed with keep\r\n`;
    const { root } = await parseScript(kept, true);
    expect(keptTree(kept)).toEqual(root);
    const other = `${script}# another\r\n`;
    expect(keptTree(other)).toBeUndefined();
    keepTree(other, root);
    expect(keptTree(other)).toEqual(root);
  });

  it("keeps at most 32 trees, the newest", async () => {
    const { root } = await parseScript(script);
    for (let i = 0; i < 40; i++) keepTree(`${script}# ${i}\r\n`, root);
    expect(readdirSync(path.join(dir, "powershell-tree"))).toHaveLength(32);
  });

  it("reads nothing from a damaged entry", async () => {
    const { root } = await parseScript(script);
    keepTree(script, root);
    const folder = path.join(dir, "powershell-tree");
    for (const name of readdirSync(folder)) writeFileSync(path.join(folder, name), "{}");
    expect(keptTree(script)).toBeUndefined();
  });

  it("keeps nothing when the cache is off", async () => {
    const { root } = await parseScript(script);
    vi.stubEnv("RDLOGOFF_CACHE", "0");
    keepTree(script, root);
    expect(keptTree(script)).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });
});
