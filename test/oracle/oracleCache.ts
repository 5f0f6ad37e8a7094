/**
 * A cache of oracle runs, so that a rerun after an edit that leaves the generated scripts alone
 * (a comment, a refactor inside a simulator) holds the simulators to Wine's and pwsh's earlier
 * answers instead of starting the oracles again. One run is a pure function of what its key
 * hashes: the case as the runner gets it (the script's bytes, the world with the fixtures'
 * bytes, the arguments), the oracle's identity (its version, the compilers of the stand-ins)
 * and the harness that runs it (the runner, the driver, the stand-ins' sources). Each case has
 * its own entry, so an edit to one template reruns only the scripts it changed.
 *
 * Results live in node_modules/.cache/rdlogoff/oracle; RDLOGOFF_ORACLE_CACHE_DIR names another
 * folder, RDLOGOFF_ORACLE_CACHE=0 turns the cache off (CI does: it always runs the oracles).
 */
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../../src/paths.js";

/** Where oracle runs are kept, or undefined when the cache is off. */
export function oracleCacheDir(): string | undefined {
  if (process.env.RDLOGOFF_ORACLE_CACHE === "0") return undefined;
  if (process.env.RDLOGOFF_ORACLE_CACHE_DIR) return process.env.RDLOGOFF_ORACLE_CACHE_DIR;
  return path.join(packageRoot, "node_modules", ".cache", "rdlogoff", "oracle");
}

/** A digest of files and folders (every file under a folder, by relative path and content). */
export function filesDigest(paths: readonly string[]): string {
  const hash = createHash("sha256");
  const add = (file: string): void => {
    if (statSync(file).isDirectory()) {
      for (const entry of readdirSync(file).sort()) add(path.join(file, entry));
      return;
    }
    hash.update(`${path.relative(packageRoot, file)}\0`);
    hash.update(readFileSync(file));
    hash.update("\0");
  };
  for (const file of paths) add(file);
  return hash.digest("hex");
}

/** The first line a program prints for `args` (its version), or why it printed none. */
export function programVersion(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error !== undefined) return `${command}: ${result.error.message}`;
  return `${command}: ${(result.stdout ?? "").split("\n")[0]?.trim() ?? ""}`;
}

/** One oracle's cached runs. */
export interface OracleCache<Case, Run> {
  /** Runs the cases the cache lacks through `run`, keeps what `keep` accepts, returns every run in order. */
  runs(
    cases: readonly Case[],
    run: (missing: Case[]) => Promise<Run[]>,
    keep?: (run: Run, c: Case) => boolean,
  ): Promise<Run[]>;
  /** Keeps a run made outside `runs` (a repeat the caller judged). */
  put(c: Case, run: Run): void;
}

/**
 * The cache of one oracle. `identity` names the oracle's version and harness (computed once,
 * on first use); `cacheable` tells the cases whose run is not a pure function of the case (one
 * that writes where the test reads it back) from the rest. With the cache off, every case runs.
 */
export function oracleCache<Case extends object, Run>(
  oracle: string,
  identity: () => string,
  cacheable: (c: Case) => boolean = () => true,
): OracleCache<Case, Run> {
  const root = oracleCacheDir();
  let salt: string | undefined;
  const entry = (c: Case): string | undefined => {
    if (root === undefined || !cacheable(c)) return undefined;
    salt ??= identity();
    // Functions (a test's judgement of a run) are not part of the case and JSON leaves them out.
    const key = createHash("sha256").update(salt).update("\0").update(JSON.stringify(c));
    const hex = key.digest("hex");
    return path.join(root, oracle, hex.slice(0, 2), `${hex}.json`);
  };
  const read = (file: string | undefined): Run | undefined => {
    if (file === undefined) return undefined;
    try {
      return JSON.parse(readFileSync(file, "utf8")) as Run;
    } catch {
      return undefined;
    }
  };
  const write = (file: string | undefined, run: Run): void => {
    if (file === undefined) return;
    mkdirSync(path.dirname(file), { recursive: true });
    // Test files run in parallel: a whole entry appears at once or not at all.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(run));
    renameSync(partial, file);
  };
  return {
    async runs(cases, run, keep = () => true) {
      const files = cases.map(entry);
      const found = files.map(read);
      const missing = cases.flatMap((c, n) => (found[n] === undefined ? [{ c, n }] : []));
      const fresh = missing.length > 0 ? await run(missing.map(({ c }) => c)) : [];
      missing.forEach(({ c, n }, k) => {
        const made = fresh[k];
        if (made === undefined)
          throw new Error(`the ${oracle} oracle returned no run for case ${n}`);
        found[n] = made;
        if (keep(made, c)) write(files[n], made);
      });
      return found as Run[];
    },
    put(c, run) {
      write(entry(c), run);
    },
  };
}
