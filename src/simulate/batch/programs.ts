import { programName, splitCommandLine } from "../commandLine.js";
import type { ProcessResult } from "../types.js";
import { runFind, runFindstr } from "./filters.js";
import { syntaxIncorrect, type Shell } from "./shell.js";

/**
 * External programs: the ones the World answers (`query`, `logoff`, `msg`, ...), and the
 * Windows tools a batch file leans on that the simulator runs itself (find, findstr, chcp,
 * icacls, timeout, cmd). A program nobody knows gets cmd's "is not recognized" and errorlevel 9009.
 */

/** Runs the program `token` names with the command tail after it. */
export function runProgram(shell: Shell, token: string, tail: string): void {
  const name = programName(token);
  const readFile = (file: string): string | undefined => shell.setup.fs.read(shell.resolve(file));
  let result: ProcessResult | undefined;
  switch (name) {
    case "find":
      result = runFind(splitCommandLine(tail), shell.stdin, readFile);
      break;
    case "findstr":
      result = runFindstr(splitCommandLine(tail), shell.stdin, readFile);
      break;
    case "chcp":
      chcp(shell, tail);
      return;
    case "icacls":
      // Folder permissions are not modelled: it succeeds, unless the host lacks it.
      if (shell.setup.world.isMissing?.("icacls")) break;
      shell.succeed();
      return;
    case "timeout":
      // A host without it (Wine 8 has none) answers as for any program it lacks.
      if (shell.setup.world.isMissing?.("timeout")) break;
      timeout(shell, tail);
      return;
    case "cmd":
      cmd(shell, tail);
      return;
    default:
      result = shell.setup.world.exec(token.replace(/"/g, ""), tail, shell.stdin);
  }
  if (result === undefined) {
    shell.err(
      `'${token.replace(/"/g, "")}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n`,
    );
    shell.fail(9009);
    return;
  }
  shell.out(result.stdout);
  shell.err(result.stderr);
  shell.errorLevel = result.exitCode;
  shell.status = result.exitCode;
}

function chcp(shell: Shell, tail: string): void {
  const arg = tail.trim();
  if (arg === "") {
    shell.out(`Active code page: ${shell.codePage}\r\n`);
    shell.succeed();
    return;
  }
  if (
    !/^\d+$/.test(arg) ||
    !["437", "850", "852", "866", "1252", "65001", "932", "936"].includes(String(Number(arg)))
  ) {
    shell.err("Invalid code page\r\n");
    shell.fail(1);
    return;
  }
  shell.codePage = String(Number(arg));
  shell.out(`Active code page: ${shell.codePage}\r\n`);
  shell.succeed();
}

function timeout(shell: Shell, tail: string): void {
  // Recorded as a call, as Start-Sleep is for a .ps1: a call log shows how long a run waits.
  shell.setup.world.exec("timeout", tail, "");
  const args = splitCommandLine(tail);
  let seconds: number | undefined;
  let noBreak = false;
  for (let i = 0; i < args.length; i++) {
    const arg = (args[i] ?? "").toLowerCase();
    if (arg === "/nobreak") noBreak = true;
    else if (arg === "/t") seconds = Number(args[++i]);
    else if (/^-?\d+$/.test(arg) && seconds === undefined) seconds = Number(arg);
    else seconds = Number.NaN;
  }
  if (seconds === undefined || Number.isNaN(seconds) || seconds < -1 || seconds > 99999) {
    shell.err(
      "ERROR: Invalid syntax. Default option is not allowed more than '1' time(s).\r\nType \"TIMEOUT /?\" for usage.\r\n",
    );
    shell.fail(1);
    return;
  }
  const key = noBreak ? "press CTRL+C to quit ..." : "press a key to continue ...";
  shell.out(`\r\nWaiting for 0 seconds, ${key}\r\n`);
  shell.succeed();
}

/** `cmd /c command`: a child shell runs the command string. */
function cmd(shell: Shell, tail: string): void {
  const m = /^\s*((?:\/[A-Za-z](?::[A-Za-z]+)?\s*)*)\/[cCkK]\s?(.*)$/s.exec(tail);
  if (!m) {
    shell.err(syntaxIncorrect);
    shell.fail(1);
    return;
  }
  let command = m[2] ?? "";
  if (command.startsWith('"') && command.lastIndexOf('"') > 0) {
    const last = command.lastIndexOf('"');
    command = command.slice(1, last) + command.slice(last + 1);
  }
  const child = shell.child(shell.out);
  child.delayed = /\/v:on/i.test(m[1] ?? "");
  child.runCommandString(command);
  shell.errorLevel = child.errorLevel;
  shell.status = child.errorLevel;
}
