/**
 * Validation in worker threads (src/validate/pool.ts) gives what validation in-process gives:
 * the same problems in the same order, for scripts that pass and for scripts that fail, and
 * the same build. The workers run the compiled code (dist/, which `npm test` builds first).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderArtifacts } from "../../src/emit/index.js";
import { loadOptions } from "../../src/options/load.js";
import { planOptions } from "../../src/plan/plan.js";
import { packageRoot } from "../../src/paths.js";
import { scriptTargets } from "../../src/targets/index.js";
import { artifactProblems } from "../../src/validate/index.js";
import type * as Pool from "../../src/validate/pool.js";
import { runCli } from "../support/cli.js";

const pool = (await import(
  pathToFileURL(path.join(packageRoot, "dist/validate/pool.js")).href
)) as typeof Pool;

/** A build of the default options in a fresh folder, with no cache, and what it wrote. */
function coldBuild(workers: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "rdlogoff-workers-"));
  cpSync(path.join(packageRoot, "rdlogoff.config.yml"), path.join(dir, "rdlogoff.config.yml"));
  const run = runCli(["build", "--verbose"], dir, {
    RDLOGOFF_CACHE: "0",
    RDLOGOFF_WORKERS: workers,
  });
  const out = path.join(dir, "dist-scripts");
  const files = readdirSync(out).map((name) => [name, readFileSync(path.join(out, name))]);
  return { run, files };
}

describe("validation in worker threads", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("builds the default options as validation in-process does, warnings in the same order", () => {
    const inProcess = coldBuild("1");
    const inWorkers = coldBuild("2");
    expect(inProcess.run.code).toBe(0);
    expect(inProcess.run.stderr).toContain("warning: target kb-logoff-all");
    expect(inWorkers).toEqual(inProcess);
  });

  it("finds the problems of failing scripts in job order, as in-process", async () => {
    const plans = planOptions(await loadOptions(packageRoot));
    // Each .bat without its first `goto :eof` (a routine then runs into the next): the safe ones
    // fail simulation; the .ps1 scripts are left as they are and pass.
    const jobs = renderArtifacts(plans, scriptTargets).flatMap((artifact) => {
      const text = artifact.bytes.toString("latin1");
      const broken = text.replace(/goto :eof\r\n/, "\r\n");
      const plan = plans.find((p) => p.target === artifact.target);
      return plan
        ? [{ artifact: { ...artifact, bytes: Buffer.from(broken, "latin1") }, plan }]
        : [];
    });
    expect(jobs.length).toBeGreaterThanOrEqual(4);
    const expected = [];
    for (const job of jobs)
      expected.push(await artifactProblems(job.artifact, plans, scriptTargets));
    expect(expected.flat().some((p) => p.severity === "error")).toBe(true);
    expect(await pool.problemsInWorkers(jobs, 2)).toEqual(expected);
  });

  it("runs in-process for a few artifacts, or when RDLOGOFF_WORKERS asks for one", () => {
    vi.stubEnv("RDLOGOFF_WORKERS", "");
    expect(pool.workerCount(10)).toBe(0);
    const cores = availableParallelism();
    expect(pool.workerCount(40)).toBe(cores >= 2 ? Math.min(cores, 20) : 0);
    vi.stubEnv("RDLOGOFF_WORKERS", "1");
    expect(pool.workerCount(40)).toBe(0);
    vi.stubEnv("RDLOGOFF_WORKERS", "2");
    expect(pool.workerCount(40)).toBe(2);
    expect(pool.workerCount(5)).toBe(2);
    expect(pool.workerCount(1)).toBe(0);
  });
});
