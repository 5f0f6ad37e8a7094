import type { ProcessResult } from "../../src/simulate/types.js";
import type { SessionWorldConfig } from "../../src/simulate/world.js";

export type { ProcessResult, SessionWorldConfig };

/** What one Wine run of a script did; text is byte strings (latin1). */
export interface WineRun {
  calls: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One script to run under Wine, with the world its stand-ins answer from. */
export interface WineCase {
  script: string;
  world: SessionWorldConfig;
  /** Plain words only (letters, digits, `_.,:=+-/\\`): the driver writes them into its own lines. */
  args?: string[];
}

export declare const wineBinary: string;
export declare const mingwCompiler: string;
export declare function wineAvailable(): { ok: true } | { ok: false; reason: string };
export declare function windowsPath(unixPath: string): string;
export declare function prepareWine(): Promise<{ root: string; binDir: string; prefix: string }>;
export declare function disposeWine(): void;
export declare const sharedWineVariable: string;
export declare function disposeSharedWine(root: string): void;
export declare function runManyUnderWine(cases: readonly WineCase[]): Promise<WineRun[]>;
export declare function runUnderWine(
  script: string,
  world: SessionWorldConfig,
  options?: { args?: string[] },
): Promise<WineRun>;
