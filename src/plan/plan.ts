import { createHash } from "node:crypto";
import type { RdlOptions, ScriptFormat, ScriptStyle, TargetOptions } from "../options/types.js";

/** What the KB style reproduces: which of the KB's four scripts. */
export interface KbScripts {
  /** The `skip=N` of the KB batch file: 1 is the KB's script, 2 its console workaround. */
  batchSkip: number;
  /** The KB's first PowerShell script (every session) or its second (disconnected only). */
  powershell: "all-sessions" | "disconnected-only";
}

/** Which sessions a target acts on, where, and how (every option but naming and formats). */
export type SessionSelection = Omit<TargetOptions, "name" | "description" | "formats" | "style">;

/**
 * The intermediate form both back-ends read: one target's decisions, with nothing left
 * to default and nothing that depends on a template.
 */
export interface LogoffPlan {
  target: string;
  description: string;
  style: ScriptStyle;
  formats: ScriptFormat[];
  selection: SessionSelection;
  /** Set for style kb. */
  kb?: KbScripts;
  /** sha256 of the target's normalized options; goes into every header. */
  optionsHash: string;
  /** The options file name as the header records it. */
  optionsFile: string;
  /** Things the admin should know, printed by build and explain. */
  warnings: string[];
}

/** JSON with sorted keys, so the hash does not depend on key order in the options file. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function hashTargetOptions(target: TargetOptions): string {
  return createHash("sha256").update(canonicalJson(target)).digest("hex");
}

function selectionOf(target: TargetOptions): SessionSelection {
  const selection: Partial<TargetOptions> = structuredClone(target);
  delete selection.name;
  delete selection.description;
  delete selection.formats;
  delete selection.style;
  return selection as SessionSelection;
}

/** The LogoffPlan of one target. `optionsFile` is the name the header records. */
export function planTarget(target: TargetOptions, optionsFile: string): LogoffPlan {
  const warnings: string[] = [];
  let kb: KbScripts | undefined;
  if (target.style === "kb") {
    const batchSkip = target.skip + (target.excludeConsole ? 1 : 0);
    if (target.excludeConsole && target.formats.includes("bat")) {
      warnings.push(
        `target ${target.name}: the KB's skip=${batchSkip} workaround skips listing line ${batchSkip}, which on Windows Vista and later is the services session, not the console; use style: safe to exclude the console by name`,
      );
    }
    kb = {
      batchSkip,
      powershell: target.states.includes("disconnected") ? "disconnected-only" : "all-sessions",
    };
  }
  return {
    target: target.name,
    description: target.description,
    style: target.style,
    formats: [...target.formats],
    selection: selectionOf(target),
    ...(kb ? { kb } : {}),
    optionsHash: hashTargetOptions(target),
    optionsFile,
    warnings,
  };
}

/** Plans of every target of an options file, in file order. */
export function planOptions(options: RdlOptions): LogoffPlan[] {
  const optionsFile = options.file.split(/[\\/]/).pop() ?? options.file;
  return options.targets.map((target) => planTarget(target, optionsFile));
}
