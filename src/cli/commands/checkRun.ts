import path from "node:path";
import { compileOptions } from "../../compile.js";
import { renderTaskFiles } from "../../emit/task.js";
import { checkOutDir } from "../../write/check.js";
import { ExitCode } from "../exitCodes.js";
import { loadConfig, reportFailure } from "./common.js";
import type { CliIo } from "../io.js";
import type { CommandResult } from "./types.js";

/** The handler of `rdlogoff check`, loaded only when the command runs. */
export async function runCheck(io: CliIo, result: CommandResult, argv: unknown): Promise<void> {
  const args = argv as unknown as {
    config?: string;
    outDir?: string;
    quiet: boolean;
    json: boolean;
  };
  try {
    const options = await loadConfig(io, args);
    const { plans, artifacts } = await compileOptions(options);
    const taskFiles = renderTaskFiles(options.targets, plans);
    const entries = await checkOutDir(options.outDir, [...artifacts, ...taskFiles]);
    const shown = path.relative(io.cwd, options.outDir) || ".";
    if (args.json) {
      io.stdout(
        `${JSON.stringify({ outDir: shown, upToDate: entries.length === 0, files: entries }, null, 2)}\n`,
      );
    } else {
      for (const entry of entries) {
        io.stdout(`${path.join(shown, entry.fileName)}: ${entry.status}\n${entry.diff}\n`);
      }
      if (entries.length > 0)
        io.stderr(
          `${entries.length} file(s) in ${shown} differ from the options; run rdlogoff build\n`,
        );
      else if (!args.quiet) {
        const tasks = taskFiles.length > 0 ? `, ${taskFiles.length} task file(s)` : "";
        io.stdout(`${shown} is up to date (${artifacts.length} script(s)${tasks})\n`);
      }
    }
    result.code = entries.length === 0 ? ExitCode.ok : ExitCode.findings;
  } catch (error) {
    reportFailure(io, result, error, args.json);
  }
}
