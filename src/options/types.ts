import type { CanonicalState } from "./states.js";

export type ScriptFormat = "bat" | "ps1";
export type ScriptStyle = "kb" | "safe";

/** One target of the options file, with every default filled in. */
export interface TargetOptions {
  name: string;
  description: string;
  formats: ScriptFormat[];
  style: ScriptStyle;
  skip: number;
  excludeConsole: boolean;
  states: CanonicalState[];
}

/** A validated options file. */
export interface RdlOptions {
  /** Absolute path of the options file. */
  file: string;
  /** Absolute path of the output folder. */
  outDir: string;
  targets: TargetOptions[];
}
