/**
 * The script targets: one object per format that the pipeline loops over. Each joins the
 * format's facts (src/targets/formats.ts) and simulator (src/targets/simulators.ts) to its
 * back end: the renderer (src/emit), its grammar and lint rules (src/validate) and its
 * simulator runs on the recorded fixtures. A
 * stage never asks which format it has; it asks the format's target. Lint rules and
 * simulators are loaded when first used, so a command that needs none starts faster.
 */
import { renderBatch } from "../emit/batch.js";
import type { Artifact } from "../emit/artifact.js";
import { renderPowerShell } from "../emit/powershell.js";
import type { LogoffPlan } from "../plan/plan.js";
import type { GrammarName } from "../grammars.js";
import type { LintFinding } from "../validate/lint/index.js";
import type { FixtureRun } from "../validate/outcome.js";
import { extensionsOf, formatOfFile } from "./formats.js";
import { batchSimulator, powerShellSimulator, type ScriptSimulator } from "./simulators.js";

export type { ScriptRun } from "./simulators.js";

/** A script format with everything the pipeline does with it. */
export interface ScriptTarget extends ScriptSimulator {
  /** The tree-sitter grammar every artifact must parse with. */
  readonly grammar: GrammarName;
  /** The artifact of one plan: its bytes, with the plan's rules rendered to code. */
  render(plan: LogoffPlan): Artifact;
  /** The format's lint rules on a script's bytes (as a byte string). */
  lint(text: string, optionValues: readonly string[]): Promise<LintFinding[]>;
  /** The artifact simulated on every recorded fixture it can run on. */
  simulateOnFixtures(artifact: Artifact, plan: LogoffPlan): Promise<FixtureRun[]>;
}

export const batchTarget: ScriptTarget = {
  ...batchSimulator,
  grammar: "batch",
  render: (plan) => renderBatch(plan),
  lint: async (text) => (await import("../validate/lint/index.js")).lintBatchScript(text),
  simulateOnFixtures: async (artifact, plan) => {
    const { querySessionFixtures, runBatchOnFixture } = await import("../validate/simulate.js");
    return (await querySessionFixtures()).map((fixture) =>
      runBatchOnFixture(artifact, plan, fixture),
    );
  },
};

export const powerShellTarget: ScriptTarget = {
  ...powerShellSimulator,
  grammar: "powershell",
  render: (plan) => renderPowerShell(plan),
  lint: async (text, optionValues) =>
    (await import("../validate/lint/index.js")).lintPowerShellScript(text, optionValues),
  simulateOnFixtures: async (artifact, plan) => {
    const {
      brokerFixtures,
      querySessionFixtures,
      runPowerShellOnBroker,
      runPowerShellOnFixture,
      runPowerShellWithoutGroups,
    } = await import("../validate/simulate.js");
    const runs: FixtureRun[] = [];
    const listings = await querySessionFixtures();
    for (const fixture of listings)
      runs.push(await runPowerShellOnFixture(artifact, plan, fixture));
    // Whether a run whose groups cannot be read logs off nobody: one understood listing with
    // users is enough.
    const understood = listings.find(
      (f) =>
        f.truth.kind === "listing" && !f.truth.failsClosed && f.truth.sessions.some((s) => s.user),
    );
    if (understood) runs.push(...(await runPowerShellWithoutGroups(artifact, plan, understood)));
    for (const fixture of await brokerFixtures())
      runs.push(await runPowerShellOnBroker(artifact, plan, fixture));
    return runs;
  },
};

/** Every target, in the order build renders them (.bat before .ps1). */
export const scriptTargets: readonly ScriptTarget[] = [batchTarget, powerShellTarget];

/** The target of a format name; throws for a format no target has. */
export function targetOfFormat(
  format: string,
  targets: readonly ScriptTarget[] = scriptTargets,
): ScriptTarget {
  const target = targets.find((t) => t.format === format);
  if (!target) {
    throw new Error(
      `no script target for format "${format}" (known: ${targets.map((t) => t.format).join(", ")})`,
    );
  }
  return target;
}

/** The target whose scripts have this file's extension, if any. */
export function targetOfFile(
  fileName: string,
  targets: readonly ScriptTarget[] = scriptTargets,
): ScriptTarget | undefined {
  return formatOfFile(fileName, targets);
}

/** The extensions of every target's scripts, for messages (`.bat, .cmd, .ps1`). */
export function scriptExtensions(targets: readonly ScriptTarget[] = scriptTargets): string {
  return extensionsOf(targets);
}

/** Lints a script's bytes with the rules of its format. */
export function lintScript(
  format: string,
  text: string,
  optionValues: readonly string[] = [],
  targets: readonly ScriptTarget[] = scriptTargets,
): Promise<LintFinding[]> {
  return targetOfFormat(format, targets).lint(text, optionValues);
}
