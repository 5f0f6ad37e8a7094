/**
 * rdlogoff as a library: the pipeline the CLI runs, stage by stage. Re-exports only.
 *
 *   loadOptions / parseOptions -> planOptions -> renderArtifacts -> validateArtifacts
 *   -> writeArtifacts / checkOutDir            (compileOptions: plan + render + validate)
 *   renderTaskFiles (a target's scheduled task) joins the artifacts for writeArtifacts.
 *
 * simulateBatch and simulatePowerShell run a generated script against recorded listings.
 */

// Options: load (a file, or text), the schema, diagnostics.
export { defaultConfigNames, loadOptions, parseOptions } from "./options/load.js";
export {
  formatOptionsDiagnostic,
  OptionsError,
  type OptionsDiagnostic,
} from "./options/diagnostics.js";
export { optionsSchema } from "./options/schema.js";
export { canonicalStates, type CanonicalState } from "./options/states.js";
export type {
  Locale,
  RdlOptions,
  ScriptFormat,
  ScriptStyle,
  TargetOptions,
} from "./options/types.js";

// Plan.
export {
  planOptions,
  planTarget,
  type KbScripts,
  type LogoffPlan,
  type RunSettings,
} from "./plan/plan.js";
export { describeRules, selects, selectionRules, type SelectionRule } from "./plan/rules.js";
export { explainPlan } from "./plan/explain.js";

// Emit.
export { renderArtifacts } from "./emit/index.js";
export { EmitError, type Artifact } from "./emit/artifact.js";
export { EscapeError } from "./emit/batchEscape.js";
export { isGeneratedFile } from "./emit/header.js";

// Scheduled tasks: <name>.task.xml and install-tasks.cmd, written beside the scripts.
export { renderTaskFiles, type TaskFile } from "./emit/task.js";

// Validate.
export {
  formatValidationProblem,
  validateArtifacts,
  ValidationError,
  type ValidationProblem,
} from "./validate/index.js";
export {
  formatFinding,
  lintCodes,
  type LintCode,
  type LintFinding,
} from "./validate/lint/index.js";

// The script targets the stages loop over.
export {
  batchTarget,
  lintScript,
  powerShellTarget,
  scriptTargets,
  targetOfFile,
  targetOfFormat,
  type ScriptTarget,
} from "./targets/index.js";

// All of it in memory, validated.
export { compileOptions, type Compilation } from "./compile.js";

// Write and check.
export { ForeignFileError, writeArtifacts, type WriteReport } from "./write/build.js";
export type { OutputFile } from "./write/outDir.js";
export { checkOutDir, type CheckEntry, type CheckStatus } from "./write/check.js";

// Simulate.
export { defaultEnvironment, simulateBatch, type BatchRunOptions } from "./simulate/batch/index.js";
export {
  PowerShellError,
  simulatePowerShell,
  UnsupportedSyntaxError,
  type PowerShellRunOptions,
  type PowerShellWorldConfig,
  type RdUserSession,
} from "./simulate/powershell/index.js";
export {
  createSessionWorld,
  WorldSetupError,
  type ServerFixture,
  type SessionWorldConfig,
} from "./simulate/world.js";
export {
  StepLimitError,
  type ExternalCall,
  type ProcessResult,
  type SimulationResult,
  type World,
} from "./simulate/types.js";

export { generatorVersion } from "./version.js";
