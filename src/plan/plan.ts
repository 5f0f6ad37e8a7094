import { createHash } from "node:crypto";
import path from "node:path";
import stableStringify from "fast-json-stable-stringify";
import { stateWords, type StateWord } from "../listing/stateWords.js";
import type {
  Locale,
  RdlOptions,
  ScriptFormat,
  ScriptStyle,
  TargetOptions,
} from "../options/types.js";
import { needsQueryUser, needsStateWords, selectionRules, type SelectionRule } from "./rules.js";

/** What the KB style reproduces: which of the KB's four scripts. */
export interface KbScripts {
  /** The `skip=N` of the KB batch file: 1 is the KB's script, 2 its console workaround. */
  batchSkip: number;
  /** The KB's first PowerShell script (every session) or its second (disconnected only). */
  powershell: "all-sessions" | "disconnected-only";
}

/** Where and how a target's script runs: everything but which sessions it selects. */
export interface RunSettings {
  /**
   * Servers, lower-cased (Windows host names ignore case) and each once, "" for this host
   * (localhost, ., 127.0.0.1); empty: this server only.
   */
  servers: string[];
  dryRun: boolean;
  warn?: { message: string; waitSeconds: number };
  log?: string;
  /** How the log is written: a line per action, or CSV rows under a header row. */
  logFormat: TargetOptions["logFormat"];
  /** One Application log event per run (eventcreate), its id and type by the exit code. */
  eventLog: boolean;
  /**
   * Where the .ps1 lists sessions. `auto` becomes `query` when a rule reads session names,
   * which the RD Connection Broker does not give (an exclusion is never silently ignored).
   */
  source: TargetOptions["source"];
  connectionBroker?: string;
  collectionName?: string;
  /** The header lines of the listing the KB batch file skips. */
  skip: number;
}

/** What a target's script needs from each server beyond `query session`. */
export interface ServerNeeds {
  /** `query user`, for IDLE TIME. */
  queryUser: boolean;
  /** State words, to filter by state, to log the state, or to warn only Active sessions. */
  stateWords: boolean;
}

/**
 * The intermediate form both back-ends read: one target's decisions, with nothing left
 * to default and nothing that depends on a template.
 */
export interface LogoffPlan {
  target: string;
  description: string;
  style: ScriptStyle;
  formats: ScriptFormat[];
  /** Every condition a session must meet to be logged off (src/plan/rules.ts). */
  rules: SelectionRule[];
  run: RunSettings;
  /** The listing languages whose state words the script reads. */
  locales: Locale[];
  /** Those languages' state words (listen words left out: a listener is never a target). */
  stateWords: StateWord[];
  needs: ServerNeeds;
  /** Set for style kb. */
  kb?: KbScripts;
  /** sha256 of the target's normalized options; goes into every header. */
  optionsHash: string;
  /**
   * The options file as the header records it: its path from outDir (`../rdlogoff.config.yml`),
   * the same on every machine, and different for two options files that share an outDir.
   */
  optionsFile: string;
  /** Things the admin should know, printed by build and explain. */
  warnings: string[];
}

/** sha256 of the target's options as JSON with sorted keys, so key order in the file does not matter. */
export function hashTargetOptions(target: TargetOptions): string {
  return createHash("sha256").update(stableStringify(target)).digest("hex");
}

/** The names that always mean this host, listed as the local server (""). */
const thisHostNames = new Set(["localhost", "localhost.", ".", "127.0.0.1"]);

/** A server as the scripts name it: lower-case, and "" for this host. */
function serverName(server: string): string {
  const name = server.toLowerCase();
  return thisHostNames.has(name) ? "" : name;
}

function runSettings(target: TargetOptions, rules: readonly SelectionRule[]): RunSettings {
  const readsNames = rules.some((r) => r.kind === "nameNotLike" || r.kind === "notConsole");
  return {
    servers: [...new Set(target.servers.map(serverName))],
    dryRun: target.dryRun,
    ...(target.warn ? { warn: { ...target.warn } } : {}),
    ...(target.log !== undefined ? { log: target.log } : {}),
    logFormat: target.logFormat,
    eventLog: target.eventLog,
    source: target.source === "auto" && readsNames ? "query" : target.source,
    ...(target.connectionBroker !== undefined ? { connectionBroker: target.connectionBroker } : {}),
    ...(target.collectionName !== undefined ? { collectionName: target.collectionName } : {}),
    skip: target.skip,
  };
}

/** The LogoffPlan of one target. `optionsFile` is the name the header records. */
export function planTarget(target: TargetOptions, optionsFile: string): LogoffPlan {
  const warnings: string[] = [];
  const rules = selectionRules(target);
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
    rules,
    run: runSettings(target, rules),
    locales: [...target.locale],
    stateWords: stateWords.filter(
      (word) => word.state !== "listen" && target.locale.includes(word.language),
    ),
    needs: {
      queryUser: needsQueryUser(rules),
      stateWords: needsStateWords(rules) || target.log !== undefined || target.warn !== undefined,
    },
    ...(kb ? { kb } : {}),
    optionsHash: hashTargetOptions(target),
    optionsFile,
    warnings,
  };
}

/** Plans of every target of an options file, in file order. */
export function planOptions(options: RdlOptions): LogoffPlan[] {
  const optionsFile = path.relative(options.outDir, options.file).split(path.sep).join("/");
  return options.targets.map((target) => planTarget(target, optionsFile));
}
