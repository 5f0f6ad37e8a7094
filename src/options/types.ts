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
  includeCurrent: boolean;
  excludeUsers: string[];
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

export type Locale = "en" | "de" | "fr" | "es" | "it" | "ru";

/** A validated options file. */
export interface RdlOptions {
  /** Absolute path of the options file. */
  file: string;
  /** Absolute path of the output folder. */
  outDir: string;
  targets: TargetOptions[];
}
