import path from "node:path";
import { compileOptions } from "../../compile.js";
import { renderTaskFiles, taskFileSuffix, taskInstallerName } from "../../emit/task.js";
import { formatValidationProblem } from "../../validate/index.js";
import { writeArtifacts } from "../../write/build.js";
import { loadConfig, reportFailure } from "./common.js";
import type { CliIo } from "../io.js";
import type { CommandResult } from "./types.js";

/** The handler of `rdlogoff build`, loaded only when the command runs. */
export async function runBuild(io: CliIo, result: CommandResult, argv: unknown): Promise<void> {
  const args = argv as unknown as {
    config?: string;
    outDir?: string;
    quiet: boolean;
    force: boolean;
    verbose: boolean;
    json: boolean;
  };
  try {
    const options = await loadConfig(io, args);
    const { plans, artifacts, warnings } = await compileOptions(options);
    const taskFiles = renderTaskFiles(options.targets, plans);
    if (!args.quiet && !args.json) {
      // The KB style's findings are its point (it reproduces the KB's bugs): counted in one
      // line unless asked for, so a first build does not read as a failure.
      const byDesign = new Set(plans.filter((p) => p.style === "kb").map((p) => p.target));
      const shown = (target: string) => args.verbose || !byDesign.has(target);
      let hidden = 0;
      for (const plan of plans) {
        for (const w of plan.warnings) {
          if (shown(plan.target)) io.stderr(`warning: ${w}\n`);
          else hidden++;
        }
      }
      for (const w of warnings) {
        if (shown(w.target)) io.stderr(`${formatValidationProblem(w)}\n`);
        else hidden++;
      }
      if (hidden > 0) {
        io.stderr(
          `${[...byDesign].join(", ")}: ${hidden} findings by design (style kb reproduces the KB's bugs); --verbose lists them\n`,
        );
      }
    }
    const report = await writeArtifacts(options.outDir, [...artifacts, ...taskFiles], {
      force: args.force,
    });
    if (args.json) {
      const outDir = path.relative(io.cwd, options.outDir) || ".";
      io.stdout(`${JSON.stringify({ outDir, ...report, warnings }, null, 2)}\n`);
    } else if (!args.quiet) {
      const shown = path.relative(io.cwd, options.outDir) || ".";
      for (const name of report.written) io.stdout(`wrote ${path.join(shown, name)}\n`);
      for (const name of report.removed) {
        const task = name.endsWith(taskFileSuffix) || name === taskInstallerName;
        const why = task ? "no target has this schedule any more" : "its target is gone";
        io.stdout(`removed ${path.join(shown, name)} (${why})\n`);
      }
      const tasks = taskFiles.length > 0 ? ` and ${taskFiles.length} task file(s)` : "";
      io.stdout(
        `${artifacts.length} script(s)${tasks} in ${shown}: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.removed.length} removed\n`,
      );
    }
  } catch (error) {
    reportFailure(io, result, error, args.json);
  }
}
