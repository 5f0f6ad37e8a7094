/**
 * Checked syntax trees kept on disk between runs, beside the validation results
 * (src/validate/cache.ts): a repeat `rdlogoff simulate` of the same .ps1 loads its tree from
 * JSON instead of loading the grammar's WebAssembly and parsing. A tree is a pure function of
 * the script's text, the grammar (its installed version and the lockfile) and the code that
 * converts and checks it (this folder and src/grammars), so the key hashes all of them. Only trees that passed the
 * checks are kept: a script that fails is parsed again and fails the same way. Only the newest
 * few are kept (a tree is about 130 KB); validation, which parses each script once per run
 * anyway, keeps none.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../../paths.js";
import { validationCacheDir } from "../../paths.js";
import { generatorVersion, installedDependencies } from "../../version.js";
import type { SyntaxNode } from "./tree.js";

/** A node as kept: type, named (1 or 0), start, end, then its children. */
type KeptNode = [string, number, number, number, ...KeptNode[]];

let codeDigest: string | undefined;

/** The digest of the grammar and of the code that makes and checks a tree, computed once. */
function treeCodeDigest(): string {
  if (codeDigest === undefined) {
    const hash = createHash("sha256")
      .update(`rdlogoff ${generatorVersion}\0`)
      .update(installedDependencies());
    const lockfile = path.join(packageRoot, "package-lock.json");
    if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
    const here = path.dirname(fileURLToPath(import.meta.url));
    const sources = readdirSync(here)
      .filter((name) => /\.[jt]s$/.test(name) && !name.endsWith(".d.ts"))
      .sort()
      .map((name) => path.join(here, name));
    for (const grammars of ["grammars.js", "grammars.ts"]) {
      const file = path.join(here, "..", "..", grammars);
      if (existsSync(file)) sources.push(file);
    }
    for (const file of sources) hash.update(`${path.basename(file)}\0`).update(readFileSync(file));
    codeDigest = hash.digest("hex");
  }
  return codeDigest;
}

/** The file a script's tree is kept in, or undefined when caching is off. */
function treeFile(source: string): string | undefined {
  const dir = validationCacheDir();
  if (dir === undefined) return undefined;
  const key = createHash("sha256")
    .update(treeCodeDigest())
    .update("\0")
    .update(source)
    .digest("hex");
  return path.join(dir, "powershell-tree", `${key}.json`);
}

function pack(node: SyntaxNode): KeptNode {
  return [node.type, node.named ? 1 : 0, node.start, node.end, ...node.children.map(pack)];
}

function unpack(kept: KeptNode): SyntaxNode {
  const [type, named, start, end] = kept;
  const children: SyntaxNode[] = [];
  for (let i = 4; i < kept.length; i++) children.push(unpack(kept[i] as KeptNode));
  return { type, named: named === 1, start, end, children };
}

/** The kept tree of a script, or undefined when there is none (or it cannot be read). */
export function keptTree(source: string): SyntaxNode | undefined {
  const file = treeFile(source);
  if (file === undefined) return undefined;
  try {
    const kept: unknown = JSON.parse(readFileSync(file, "utf8"));
    // Anything but a node is not a tree this cache wrote.
    return Array.isArray(kept) && typeof kept[0] === "string"
      ? unpack(kept as KeptNode)
      : undefined;
  } catch {
    return undefined;
  }
}

const treesKept = 32;

/** Removes all but the newest kept trees. */
function pruneTrees(dir: string): void {
  const entries = readdirSync(dir).filter((name) => name.endsWith(".json"));
  if (entries.length <= treesKept) return;
  const byAge = entries
    .map((name) => ({ file: path.join(dir, name), time: statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { file } of byAge.slice(treesKept)) rmSync(file, { force: true });
}

/** Keeps the checked tree of a script, written atomically (rename). */
export function keepTree(source: string, root: SyntaxNode): void {
  const file = treeFile(source);
  if (file === undefined) return;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    writeFileSync(temp, JSON.stringify(pack(root)), { flag: "wx" });
    renameSync(temp, file);
    pruneTrees(path.dirname(file));
  } catch {
    // A tree that cannot be kept only costs time: it was parsed anyway.
  }
}
