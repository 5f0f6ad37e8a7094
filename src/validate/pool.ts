/**
 * Validation across cores: artifacts the cache cannot answer for are checked in worker threads
 * (src/validate/worker.ts), each running the real script targets. Every artifact is checked
 * exactly as in-process; results come back by the artifact's index, so their order, and the
 * error raised when a check throws, never depend on which worker finished first.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Artifact } from "../emit/artifact.js";
import type { LogoffPlan } from "../plan/plan.js";
import type { ValidationProblem } from "./problems.js";

/** One artifact to check and the plan it was rendered from. */
export interface ValidationJob {
  artifact: Artifact;
  plan: LogoffPlan;
}

/** What a worker sends back for job `index`. */
export type WorkerReply =
  | { index: number; problems: ValidationProblem[] }
  | { index: number; error: { name: string; message: string; stack?: string } };

const workerFile = new URL("./worker.js", import.meta.url);

/**
 * Below this many artifacts to check, the CPU that starting workers costs (each loads the
 * simulators, the grammars and the fixtures, and warms up its own JIT: about a second under
 * load) outweighs the wall time they save: the default options (10 artifacts) and 10 targets
 * (20 artifacts) validate in-process.
 */
const minimumJobs = 40;

/**
 * How many workers to use for this many jobs: RDLOGOFF_WORKERS when set (0 or 1: in-process),
 * else one per core from `minimumJobs` jobs up; 0 also under the tests, which run the TypeScript
 * sources, where there is no compiled worker to start.
 */
export function workerCount(jobs: number): number {
  if (jobs < 2 || !existsSync(fileURLToPath(workerFile))) return 0;
  const asked = process.env.RDLOGOFF_WORKERS;
  const automatic = asked === undefined || asked === "";
  if (automatic && jobs < minimumJobs) return 0;
  const wanted = automatic ? os.availableParallelism() : Number(asked);
  if (!Number.isInteger(wanted) || wanted < 2) return 0;
  return Math.min(wanted, Math.ceil(jobs / 2));
}

/** The problems of each job, in job order, found by `count` workers. */
export async function problemsInWorkers(
  jobs: readonly ValidationJob[],
  count: number,
): Promise<ValidationProblem[][]> {
  const replies: WorkerReply[] = new Array<WorkerReply>(jobs.length);
  let next = 0;
  const workers = Array.from({ length: count }, () => new Worker(workerFile));
  const drain = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const feed = () => {
        if (next >= jobs.length) return resolve();
        const index = next++;
        worker.postMessage({ index, ...jobs[index] });
      };
      worker.on("message", (reply: WorkerReply) => {
        replies[reply.index] = reply;
        feed();
      });
      worker.on("error", reject);
      worker.on("exit", (code) => reject(new Error(`a validation worker exited (${code})`)));
      feed();
    });
  try {
    await Promise.all(workers.map(drain));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return replies.map((reply) => {
    if ("problems" in reply) return reply.problems;
    const error = new Error(reply.error.message);
    error.name = reply.error.name;
    if (reply.error.stack) error.stack = reply.error.stack;
    throw error;
  });
}
