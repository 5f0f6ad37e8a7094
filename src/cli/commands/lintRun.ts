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
import { jsonError } from "./common.js";
import type { CliIo } from "../io.js";
import type { CommandResult } from "./types.js";

const knownExtensions = scriptTargets.flatMap((t) => t.extensions).join(", ");

/** The handler of `rdlogoff lint`, loaded only when the command runs. */
export async function runLint(io: CliIo, result: CommandResult, argv: unknown): Promise<void> {
  const args = argv as unknown as { files: string[]; json: boolean; quiet: boolean };
  const all: (LintFinding & { file: string })[] = [];
  for (const file of args.files) {
    const target = targetOfFile(file);
    if (!target) {
      const message = `${file}: not a script rdlogoff lints (${knownExtensions})`;
      if (args.json) io.stdout(jsonError("LintInputError", message, { file }));
      else io.stderr(`${message}\n`);
      result.code = ExitCode.badInput;
      return;
    }
    let text: string;
    try {
      text = await readFile(path.resolve(io.cwd, file), "latin1");
    } catch (error) {
      const message = `${file}: cannot read: ${(error as Error).message}`;
      if (args.json) io.stdout(jsonError("LintInputError", message, { file }));
      else io.stderr(`${message}\n`);
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
}
