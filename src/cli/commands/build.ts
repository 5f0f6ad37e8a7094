import path from "node:path";
import { compileOptions } from "../../compile.js";
import { formatValidationProblem } from "../../validate/index.js";
import { writeArtifacts } from "../../write/build.js";
import type { CommandFactory } from "./types.js";
import { loadConfig, reportFailure, withConfig } from "./common.js";

export const buildCommand: CommandFactory = (io, result) => ({
  command: "build",
  describe:
    "Compile the options file into scripts in outDir (validated before anything is written)",
  builder: (yargs) =>
    withConfig(yargs)
      .option("force", {
        type: "boolean",
        default: false,
        describe: "Overwrite files in outDir that rdlogoff did not generate",
      })
      .example("$0 build", "Compile ./rdlogoff.config.yml into dist-scripts/")
      .example("$0 build --config gpo/logoff.yml", "Compile another options file"),
  handler: async (argv) => {
    const args = argv as unknown as { config?: string; quiet: boolean; force: boolean };
    try {
      const options = await loadConfig(io, args);
      const { plans, artifacts, warnings } = await compileOptions(options);
      if (!args.quiet) {
        for (const plan of plans) for (const w of plan.warnings) io.stderr(`warning: ${w}\n`);
        for (const w of warnings) io.stderr(`${formatValidationProblem(w)}\n`);
      }
      const report = await writeArtifacts(options.outDir, artifacts, { force: args.force });
      if (!args.quiet) {
        const shown = path.relative(io.cwd, options.outDir) || ".";
        for (const name of report.written) io.stdout(`wrote ${path.join(shown, name)}\n`);
        for (const name of report.removed)
          io.stdout(`removed ${path.join(shown, name)} (its target is gone)\n`);
        io.stdout(
          `${artifacts.length} script(s) in ${shown}: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.removed.length} removed\n`,
        );
      }
    } catch (error) {
      reportFailure(io, result, error);
    }
  },
});
