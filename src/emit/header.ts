import type { LogoffPlan } from "../plan/plan.js";
import { scriptFormats } from "../targets/formats.js";
import { generatorVersion } from "../version.js";

/** The header's values, escaped by the caller's target escaper. */
export interface HeaderView {
  version: string;
  optionsFile: string;
  target: string;
  description: string;
  optionsHash: string;
}

/** What a script built with dryRun: true prints first, and says in its header. */
export const dryRunBanner = "dry-run build: this script never logs anyone off";

/** First-line markers by which rdlogoff recognizes a file it generated: one per format. */
export const generatedMarkers = scriptFormats.map((format) => format.headerMarker);

export function headerView(
  plan: LogoffPlan,
  escapeComment: (value: string, what: string) => string,
): HeaderView {
  return {
    version: generatorVersion,
    optionsFile: escapeComment(plan.optionsFile, "the options file name"),
    target: plan.target,
    description: escapeComment(plan.description, `targets ${plan.target} description`),
    optionsHash: plan.optionsHash,
  };
}

/**
 * The options file a generated file names in its first line (`... from NAME, target T.`), the
 * identity by which a build knows the files it owns in a folder other builds may share.
 */
export function generatedFrom(bytes: Buffer): string | undefined {
  if (!isGeneratedFile(bytes)) return undefined;
  const first = bytes.subarray(0, 512).toString("latin1").split(/\r?\n/)[0] ?? "";
  return / from (.*), target [a-z0-9-]+\.$/.exec(first)?.[1];
}

/** Whether `bytes` start with an rdlogoff header line. */
export function isGeneratedFile(bytes: Buffer): boolean {
  const start = bytes.subarray(0, 64).toString("latin1");
  return generatedMarkers.some((marker) => start.startsWith(marker));
}

/**
 * The header block of a generated file: every line up to the "Do not edit" line. Two files
 * with the same header came from the same rdlogoff version, options file and options.
 */
export function generatedHeader(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 2048).toString("latin1");
  const end = head.indexOf("Do not edit; run rdlogoff build.");
  return end < 0 ? undefined : head.slice(0, end);
}
