import type { ListingLanguage } from "../listing/stateWords.js";
import type { CanonicalState } from "./states.js";

/** A script format's name, as the options' `formats` list it (one of src/targets/formats.ts). */
export type ScriptFormat = string;
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
  includeCurrent: boolean;
  excludeUsers: string[];
  excludeUsersMatching: string[];
  onlyUsers: string[];
  excludeSessions: string[];
  excludeIds: number[];
  servers: string[];
  dryRun: boolean;
  warn?: { message: string; waitSeconds: number };
  idleMinutes?: number;
  disconnectedMinutes?: number;
  log?: string;
  locale: Locale[];
  source: "auto" | "broker" | "query";
  connectionBroker?: string;
  collectionName?: string;
}

/** A listing language whose headers and state words a script reads. */
export type Locale = ListingLanguage;

/** A validated options file. */
export interface RdlOptions {
  /** Absolute path of the options file. */
  file: string;
  /** Absolute path of the output folder. */
  outDir: string;
  targets: TargetOptions[];
}
