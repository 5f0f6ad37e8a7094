import type { Artifact } from "../emit/artifact.js";
import type { LogoffPlan } from "../plan/plan.js";
import type { ScriptTarget } from "../targets/index.js";
import type { ValidationCache } from "./cache.js";
import type { ValidationProblem } from "./problems.js";

export type { ValidationProblem } from "./problems.js";
import { outcomeMismatch, type FixtureRun } from "./outcome.js";

/** What validation needs of a script target. */
export type ValidatingTarget = Pick<
  ScriptTarget,
  "format" | "grammar" | "lint" | "simulateOnFixtures"
>;

/** `dist-scripts/x.bat:3:5: parse: ERROR` followed by the source line. */
export function formatValidationProblem(p: ValidationProblem): string {
  const where = p.line > 0 ? `${p.fileName}:${p.line}:${p.column}` : p.fileName;
  const head = `${where}: ${p.severity}: target ${p.target}: ${p.check}: ${p.message}`;
  return p.sourceLine ? `${head}\n    ${p.sourceLine}` : head;
}

/** Raised by build when any artifact fails validation; nothing has been written. */
export class ValidationError extends Error {
  constructor(readonly problems: ValidationProblem[]) {
    super(problems.map(formatValidationProblem).join("\n"));
    this.name = "ValidationError";
  }
}

/**
 * Runs every check on every artifact and returns all problems found, errors and warnings, in
 * artifact order. A cache (src/validate/cache.ts) answers for an artifact it has seen with the
 * same inputs. With `parallel` (only for the real script targets, which a worker thread loads
 * itself), artifacts the cache cannot answer for are checked in worker threads when there are
 * enough of them (src/validate/pool.ts); the result is the same.
 */
export async function validateArtifacts(
  artifacts: readonly Artifact[],
  plans: readonly LogoffPlan[],
  targets: readonly ValidatingTarget[],
  cache?: ValidationCache,
  parallel = false,
): Promise<ValidationProblem[]> {
  const found: (readonly ValidationProblem[] | undefined)[] = [];
  const jobs: { index: number; artifact: Artifact; plan: LogoffPlan | undefined }[] = [];
  for (const [index, artifact] of artifacts.entries()) {
    const plan = plans.find((p) => p.target === artifact.target);
    // Without its plan an artifact is not simulated, so its result is not the full one.
    const cached = plan ? await cache?.get(artifact) : undefined;
    found.push(cached);
    if (!cached) jobs.push({ index, artifact, plan });
  }
  const { problemsInWorkers, workerCount } = await import("./pool.js");
  const withPlans = jobs.flatMap(({ artifact, plan }) => (plan ? [{ artifact, plan }] : []));
  const workers = parallel && withPlans.length === jobs.length ? workerCount(jobs.length) : 0;
  const computed =
    workers > 0
      ? await problemsInWorkers(withPlans, workers)
      : await sequentialProblems(jobs, plans, targets);
  for (const [i, { index, artifact, plan }] of jobs.entries()) {
    const problems = computed[i] ?? [];
    found[index] = problems;
    if (plan) await cache?.set(artifact, problems);
  }
  return found.flatMap((problems) => problems ?? []);
}

async function sequentialProblems(
  jobs: readonly { artifact: Artifact }[],
  plans: readonly LogoffPlan[],
  targets: readonly ValidatingTarget[],
): Promise<ValidationProblem[][]> {
  const computed: ValidationProblem[][] = [];
  for (const { artifact } of jobs) computed.push(await artifactProblems(artifact, plans, targets));
  return computed;
}

/** Every check on one artifact. */
export async function artifactProblems(
  artifact: Artifact,
  plans: readonly LogoffPlan[],
  targets: readonly ValidatingTarget[],
): Promise<ValidationProblem[]> {
  const problems: ValidationProblem[] = [];
  // Loaded on a cache miss only: a warm build parses and lints nothing.
  const [{ grammarProblems }, { optionStrings }] = await Promise.all([
    import("./parse/parseArtifact.js"),
    import("./lint/index.js"),
  ]);
  const target = targets.find((t) => t.format === artifact.format);
  if (!target) throw new Error(`${artifact.fileName}: no script target for its format`);
  const plan = plans.find((p) => p.target === artifact.target);
  const text = artifact.bytes.toString("latin1");
  const lines = text.split(/\r?\n/);
  for (const p of await grammarProblems(target.grammar, text)) {
    problems.push({
      target: artifact.target,
      fileName: artifact.fileName,
      line: p.line,
      column: p.column,
      check: "parse",
      severity: "error",
      message: `the tree-sitter-${target.grammar} grammar found ${p.kind}`,
      sourceLine: p.sourceLine,
    });
  }
  const values = plan ? optionStrings(plan) : [];
  for (const f of await target.lint(text, values)) {
    problems.push({
      target: artifact.target,
      fileName: artifact.fileName,
      line: f.line,
      column: f.column,
      check: f.code,
      severity: f.severity,
      message: f.message,
      sourceLine: lines[f.line - 1] ?? "",
    });
  }
  if (plan)
    problems.push(
      ...simulationProblems(artifact, plan, await target.simulateOnFixtures(artifact, plan)),
    );
  return problems;
}

/**
 * The runs of an artifact on every recorded fixture its target simulates. A safe script must do on each exactly what the reference says (src/validate/reference.ts): log
 * off the sessions the plan's rules select, in order, or fail closed where the fixture's
 * sidecar says a console never shows such bytes; every difference is an error. The KB style
 * breaks even the invariants by design (that is the bug it reproduces), so it gets one
 * warning that counts its broken runs.
 */
function simulationProblems(
  artifact: Artifact,
  plan: LogoffPlan,
  runs: readonly FixtureRun[],
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const base = {
    target: artifact.target,
    fileName: artifact.fileName,
    line: 0,
    column: 0,
    check: "simulate",
    sourceLine: "",
  };
  if (plan.style === "kb") {
    const broken = runs.filter((r) => r.violations.length > 0 || r.stepLimit);
    if (broken.length > 0) {
      const first = broken[0]?.violations[0];
      problems.push({
        ...base,
        severity: "warning",
        message: `breaks the safety invariants in ${broken.length} of ${runs.length} simulated runs on the recorded fixtures, as the KB script does (for example "${first?.call}": ${first?.rule})`,
      });
    }
    return problems;
  }
  for (const run of runs) {
    const wrong =
      run.stepLimit ??
      (run.violations.length > 0
        ? run.violations.map((v) => `"${v.call}": ${v.rule}`).join("; ")
        : outcomeMismatch(run));
    if (wrong) {
      problems.push({ ...base, severity: "error", message: `on fixture ${run.fixture}: ${wrong}` });
    }
  }
  return problems;
}
