import path from "node:path";
import { compileOptions } from "../../compile.js";
import { checkOutDir } from "../../write/check.js";
import { ExitCode } from "../exitCodes.js";
import type { CommandFactory } from "./types.js";
import { loadConfig, reportFailure, withConfig } from "./common.js";

export const checkCommand: CommandFactory = (io, result) => ({
  command: "check",
  describe:
    "Exit 0 when outDir is exactly what build would write; else print a diff per file and exit 1",
  builder: (yargs) =>
    withConfig(yargs)
      .option("json", { type: "boolean", default: false, describe: "Print the findings as JSON" })
      .example("$0 check", "Fail CI when dist-scripts/ is stale, hand-edited, missing or orphaned")
      .example("$0 check --json", "The same, as data"),
  handler: async (argv) => {
    const args = argv as unknown as { config?: string; quiet: boolean; json: boolean };
    try {
      const options = await loadConfig(io, args);
      const { artifacts } = await compileOptions(options);
      const entries = await checkOutDir(options.outDir, artifacts);
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
        else if (!args.quiet) io.stdout(`${shown} is up to date (${artifacts.length} script(s))\n`);
      }
      result.code = entries.length === 0 ? ExitCode.ok : ExitCode.findings;
    } catch (error) {
      reportFailure(io, result, error);
    }
  },
});
