import type { SessionWorldConfig } from "../../src/simulate/world.js";

export declare const simulatedComputerName: string;
export declare const simulatedDnsDomain: string;
export declare const standinSources: string;
export declare const standinPrograms: Record<string, string[]>;
export declare const hostOnlyStandinPrograms: Record<string, string[]>;
export declare function runProcess(
  command: string,
  args: string[],
  options?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<{ stdout: Buffer; stderr: Buffer; exitCode: number }>;
export declare function writeStandinFixtures(dir: string, world: SessionWorldConfig): void;
export declare function buildStandins(
  compiler: string,
  flags: string[],
  binDir: string,
  programs?: Record<string, string[]>,
): Promise<void>;
