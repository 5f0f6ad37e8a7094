import { decodeConsole, type ConsoleCodePage } from "../../listing/codePages.js";
import { PowerShellError } from "./errors.js";
import type { Emit, Processor, Runtime, StageRedirection } from "./runtime.js";
import type { SyntaxNode } from "./tree.js";
import { PsErrorRecord, toStr } from "./values.js";

/**
 * The bridge to native programs (`query.exe`, `logoff.exe`, `msg.exe`): the command line as
 * Windows PowerShell 5.1 builds it, the call through the World, `$LASTEXITCODE`, and the
 * program's output decoded in the console's code page, its stderr lines as 5.1 treats them.
 */

/** One word of a native command line: its text and the node it came from. */
export interface NativeWord {
  text: string;
  node: SyntaxNode;
}

/**
 * Output text as PowerShell receives it from a native program: lines as .NET's ReadLine splits
 * them (CRLF, LF or a lone CR), a trailing empty one dropped.
 */
function outputLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Decoded program output by code page and bytes: validation runs every script on the same
 * recorded listings, so the same bytes are decoded again and again. Bounded, cleared when full.
 */
const decodedOutputs = new Map<ConsoleCodePage, Map<string, string>>();

function decodeOutput(bytes: string, codePage: ConsoleCodePage): string {
  let decoded = decodedOutputs.get(codePage);
  if (decoded === undefined) {
    decoded = new Map();
    decodedOutputs.set(codePage, decoded);
  }
  let text = decoded.get(bytes);
  if (text === undefined) {
    text = decodeConsole(bytes, codePage);
    if (decoded.size >= 256) decoded.clear();
    decoded.set(bytes, text);
  }
  return text;
}

/** Starts a native program as a pipeline stage: piped items become its stdin lines. */
export function startNative(
  runtime: Runtime,
  name: string,
  nameNode: SyntaxNode,
  words: NativeWord[],
  redirection: StageRedirection,
  emit: Emit,
): Processor {
  const program = name
    .replace(/^.*[\\/]/, "")
    .replace(/\.exe$/i, "")
    .toLowerCase();
  const input: string[] = [];
  return {
    process: (value) => input.push(toStr(value)),
    end: () => {
      // Windows PowerShell 5.1 drops empty arguments and wraps ones with spaces in quotes.
      const tail = words
        .map((word) => word.text)
        .filter((text) => text !== "")
        .map((text) => (/[ \t]/.test(text) && !/^".*"$/.test(text) ? `"${text}"` : text))
        .join(" ");
      // The program as the script names it (a path included); the World takes its name.
      const result = runtime.setup.world.exec(
        name,
        tail,
        input.map((line) => `${line}\r\n`).join(""),
      );
      if (!result && runtime.setup.world.isMissing?.(name)) {
        throw new PowerShellError(
          `The term '${name}' is not recognized as a name of a cmdlet, function, script file, or executable program.`,
          "System.Management.Automation.CommandNotFoundException",
          name,
        );
      }
      if (!result) {
        // The grammar reads a bare range (`1..3`) as a command name.
        const construct = /^[\d$].*\.\./.test(name) ? "range operator .." : `command '${name}'`;
        throw runtime.unsupported(nameNode, construct);
      }
      const variables = runtime.variables;
      variables.set("LASTEXITCODE", result.exitCode, variables.global);
      if (result.exitCode !== 0) runtime.failPipeline();
      const codePage = runtime.setup.consoleCodePage;
      for (const line of outputLines(decodeOutput(result.stdout, codePage))) emit(line);
      const errors = outputLines(decodeOutput(result.stderr, codePage));
      if (redirection.errors === "console") {
        if (result.stderr !== "") runtime.stderr.push(...errors);
        return;
      }
      // In 5.1 each redirected stderr line is an error record written through WriteError,
      // which fails the pipeline even when the program exits 0 (pwsh 7.1+ does not).
      if (errors.length > 0) runtime.failPipeline();
      for (const line of errors) {
        // In 5.1 a redirected stderr line is an error record, terminating under Stop.
        if (variables.preference("ErrorActionPreference", undefined) === "stop") {
          throw new PowerShellError(
            line,
            "System.Management.Automation.RemoteException",
            program,
            true,
          );
        }
        if (redirection.errors === "merge") {
          emit(new PsErrorRecord(line, "System.Management.Automation.RemoteException"));
        }
      }
    },
  };
}
