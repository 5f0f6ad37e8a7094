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

export declare const wineBinary: string;
export declare const mingwCompiler: string;
export declare function wineAvailable(): { ok: true } | { ok: false; reason: string };
export declare function windowsPath(unixPath: string): string;
export declare function prepareWine(): Promise<{ root: string; binDir: string; prefix: string }>;
export declare function disposeWine(): void;
export declare function runUnderWine(
  script: string,
  world: SessionWorldConfig,
  options?: { args?: string[] },
): Promise<WineRun>;
