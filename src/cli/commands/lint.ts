import { readFile } from "node:fs/promises";
import path from "node:path";
import { scriptTargets, targetOfFile } from "../../targets/index.js";
import {
  findingDoc,
  formatFinding,
  lintCodes,
  type LintFinding,
} from "../../validate/lint/index.js";
import { ExitCode } from "../exitCodes.js";
import type { CommandFactory } from "./types.js";

const knownExtensions = scriptTargets.flatMap((t) => t.extensions).join(", ");

export const lintCommand: CommandFactory = (io, result) => ({
  command: "lint <files..>",
  describe: "Check .bat and .ps1 files (generated or hand-written) with rdlogoff's lint rules",
  builder: (yargs) =>
    yargs
      .positional("files", { type: "string", array: true, describe: "Scripts to check" })
      .option("json", { type: "boolean", default: false, describe: "Print the findings as JSON" })
      .example("$0 lint old-logoff.bat", "See what is wrong with a hand-edited KB script")
      .example("$0 lint dist-scripts/*.ps1 --json", "The findings as data"),
  handler: async (argv) => {
    const args = argv as unknown as { files: string[]; json: boolean; quiet: boolean };
    const all: (LintFinding & { file: string })[] = [];
    for (const file of args.files) {
      const target = targetOfFile(file);
      if (!target) {
        io.stderr(`${file}: not a script rdlogoff lints (${knownExtensions})\n`);
        result.code = ExitCode.badInput;
        return;
      }
      let text: string;
      try {
        text = await readFile(path.resolve(io.cwd, file), "latin1");
      } catch (error) {
        io.stderr(`${file}: cannot read: ${(error as Error).message}\n`);
        result.code = ExitCode.badInput;
        return;
      }
      for (const f of await target.lint(text, [])) all.push({ file, ...f });
    }
    if (args.json) io.stdout(`${JSON.stringify(all, null, 2)}\n`);
    else {
      for (const f of all) io.stdout(`${formatFinding(f.file, f)}\n`);
      const seen = [...new Set(all.map((f) => f.code))].sort();
      if (seen.length > 0 && !args.quiet) {
        io.stdout(
          `\nFor more information:\n${seen.map((c) => `  ${findingDoc(c)} -- ${lintCodes[c].title}`).join("\n")}\n`,
        );
      }
    }
    result.code = all.length > 0 ? ExitCode.findings : ExitCode.ok;
  },
});
