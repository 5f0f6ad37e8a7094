/**
 * Each script format with the simulator that runs one of its scripts (`rdlogoff simulate`,
 * `rdlogoff diff`). Kept apart from the renderers (src/targets/index.ts builds each target on
 * these), so that simulating a script loads no template engine; the simulators themselves load
 * when first used.
 */
import type { PowerShellWorldConfig } from "../simulate/powershell/index.js";
import type { SimulationResult } from "../simulate/types.js";
import { batchFormat, powerShellFormat, type ScriptFormatSpec } from "./formats.js";

/** How `rdlogoff simulate` runs a script: its arguments, file name and -WhatIf. */
export interface ScriptRun {
  args: string[];
  scriptName: string;
  /** A .ps1 runs with -WhatIf; a .bat has no such switch (its dry run is an argument). */
  whatIf: boolean;
}

/** A script format and its simulator. */
export interface ScriptSimulator extends ScriptFormatSpec {
  /** One script run in the format's simulator. */
  simulate(script: string, world: PowerShellWorldConfig, run: ScriptRun): Promise<SimulationResult>;
}

export const batchSimulator: ScriptSimulator = {
  ...batchFormat,
  simulate: async (script, world, run) => {
    const [{ simulateBatch }, { createSessionWorld }] = await Promise.all([
      import("../simulate/batch/index.js"),
      import("../simulate/world.js"),
    ]);
    return simulateBatch(script, createSessionWorld({ servers: world.servers }), {
      args: run.args,
      scriptPath: `C:\\rdlogoff\\${run.scriptName}`,
    });
  },
};

export const powerShellSimulator: ScriptSimulator = {
  ...powerShellFormat,
  simulate: async (script, world, run) =>
    (await import("../simulate/powershell/index.js")).simulatePowerShell(script, world, {
      args: [...run.args, ...(run.whatIf ? ["-WhatIf"] : [])],
      scriptName: run.scriptName,
      keepTree: true,
    }),
};

/** Every format's simulator, in the order of the script targets. */
export const scriptSimulators: readonly ScriptSimulator[] = [batchSimulator, powerShellSimulator];
