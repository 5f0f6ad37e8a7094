/**
 * A validation worker (src/validate/pool.ts): checks each artifact it is sent with the real
 * script targets and sends back its problems, or the error a check threw.
 */
import { parentPort } from "node:worker_threads";
import { scriptTargets } from "../targets/index.js";
import { artifactProblems } from "./index.js";
import type { ValidationJob, WorkerReply } from "./pool.js";

const port = parentPort;
if (!port) throw new Error("src/validate/worker.ts runs as a worker thread only");

port.on("message", (job: ValidationJob & { index: number }) => {
  // A Buffer arrives as a plain Uint8Array.
  const bytes = Buffer.from(
    job.artifact.bytes.buffer,
    job.artifact.bytes.byteOffset,
    job.artifact.bytes.byteLength,
  );
  artifactProblems({ ...job.artifact, bytes }, [job.plan], scriptTargets).then(
    (problems) => port.postMessage({ index: job.index, problems } satisfies WorkerReply),
    (error: unknown) => {
      const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ index: job.index, error: { name, message, stack } } satisfies WorkerReply);
    },
  );
});
