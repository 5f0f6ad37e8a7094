import { readFile } from "node:fs/promises";
import path from "node:path";
import { scriptExtensions, targetOfFile } from "../../targets/index.js";
import {
  formatReport,
  sortFindings,
  type FileFinding,
  type ReportFormat,
} from "../../validate/lint/report.js";
import { ExitCode } from "../exitCodes.js";
import { jsonError } from "./jsonError.js";
import type { CliIo } from "../io.js";
import type { CommandResult } from "./types.js";

/** The handler of `rdlogoff lint`, loaded only when the command runs. */
export async function runLint(io: CliIo, result: CommandResult, argv: unknown): Promise<void> {
  const args = argv as unknown as {
    files: string[];
    json: boolean;
    quiet: boolean;
    format: ReportFormat;
  };
  const format: ReportFormat = args.json ? "json" : args.format;
  const all: FileFinding[] = [];
  for (const file of args.files) {
    const target = targetOfFile(file);
    if (!target) {
      const message = `${file}: not a script rdlogoff lints (${scriptExtensions()})`;
      if (format === "json") io.stdout(jsonError("LintInputError", message, { file }));
      else io.stderr(`${message}\n`);
      result.code = ExitCode.badInput;
      return;
    }
    let text: string;
    try {
      text = await readFile(path.resolve(io.cwd, file), "latin1");
    } catch (error) {
      const message = `${file}: cannot read: ${(error as Error).message}`;
      if (format === "json") io.stdout(jsonError("LintInputError", message, { file }));
      else io.stderr(`${message}\n`);
      result.code = ExitCode.badInput;
      return;
    }
    for (const f of await target.lint(text, [])) all.push({ file, ...f });
  }
  // --quiet: errors only.
  const shown = sortFindings(args.quiet ? all.filter((f) => f.severity === "error") : all);
  io.stdout(formatReport(format, shown, io.cwd));
  result.code = shown.length > 0 ? ExitCode.findings : ExitCode.ok;
}
