import type { Artifact } from "../emit/artifact.js";
import type { LogoffPlan } from "../plan/plan.js";
import { lintScript, optionStrings } from "./lint/index.js";
import { parseArtifact } from "./parse/parseArtifact.js";
import {
  brokerFixtures,
  querySessionFixtures,
  runBatchOnFixture,
  runPowerShellOnBroker,
  runPowerShellOnFixture,
  type FixtureRun,
} from "./simulate.js";

/** Something that keeps an artifact from being written. */
export interface ValidationProblem {
  target: string;
  fileName: string;
  /** 1-based; 0 when the problem is not tied to a line. */
  line: number;
  column: number;
  /** Which check found it: `parse`, a lint code (`RDL101`) or `simulate`. */
  check: string;
  /** Errors stop the build; warnings are printed. */
  severity: "error" | "warning";
  message: string;
  sourceLine: string;
}

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

/** Runs every check on every artifact and returns all problems found, errors and warnings. */
export async function validateArtifacts(
  artifacts: readonly Artifact[],
  plans: readonly LogoffPlan[],
): Promise<ValidationProblem[]> {
  const problems: ValidationProblem[] = [];
  for (const artifact of artifacts) {
    const plan = plans.find((p) => p.target === artifact.target);
    const text = artifact.bytes.toString("latin1");
    const lines = text.split(/\r?\n/);
    for (const p of await parseArtifact(artifact)) {
      problems.push({
        target: artifact.target,
        fileName: artifact.fileName,
        line: p.line,
        column: p.column,
        check: "parse",
        severity: "error",
        message: `the ${artifact.format === "bat" ? "tree-sitter-batch" : "tree-sitter-powershell"} grammar found ${p.kind}`,
        sourceLine: p.sourceLine,
      });
    }
    const values = plan ? optionStrings(plan.selection) : [];
    for (const f of await lintScript(artifact.format, text, values)) {
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
    if (plan) problems.push(...(await simulationProblems(artifact, plan)));
  }
  return problems;
}

/**
 * Runs an artifact on every recorded listing (and a .ps1 on every broker fixture too) and
 * reports the runs that break an
 * invariant or never end. For style safe each is an error; the KB style breaks them by
 * design (that is the bug it reproduces), so it gets one warning that counts them.
 */
async function simulationProblems(
  artifact: Artifact,
  plan: LogoffPlan,
): Promise<ValidationProblem[]> {
  const problems: ValidationProblem[] = [];
  const listings = await querySessionFixtures();
  const runs: FixtureRun[] = [];
  if (artifact.format === "bat") {
    for (const fixture of listings) runs.push(runBatchOnFixture(artifact, plan, fixture));
  } else {
    for (const fixture of listings)
      runs.push(await runPowerShellOnFixture(artifact, plan, fixture));
    for (const fixture of await brokerFixtures())
      runs.push(await runPowerShellOnBroker(artifact, plan, fixture));
  }
  const broken = runs.filter((r) => r.violations.length > 0 || r.stepLimit);
  const base = {
    target: artifact.target,
    fileName: artifact.fileName,
    line: 0,
    column: 0,
    check: "simulate",
    sourceLine: "",
  };
  if (plan.style === "kb") {
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
  for (const run of broken) {
    const what = run.stepLimit ?? run.violations.map((v) => `"${v.call}": ${v.rule}`).join("; ");
    problems.push({ ...base, severity: "error", message: `on fixture ${run.fixture}: ${what}` });
  }
  return problems;
}
