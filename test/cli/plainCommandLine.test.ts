/**
 * A plain command line read without yargs gives each handler exactly the arguments yargs
 * gives it, and any other command line is left to yargs.
 */
import { createRequire } from "node:module";
import type { Argv, CommandModule } from "yargs";
import { describe, expect, it } from "vitest";
import { commandModules } from "../../src/cli/commands/index.js";
import { globalOptions } from "../../src/cli/main.js";
import { plainCommandLine } from "../../src/cli/plainCommandLine.js";

const yargs = createRequire(import.meta.url)("yargs") as (argv: string[]) => Argv;
const io = { stdout: () => undefined, stderr: () => undefined, cwd: "/" };
const commands = (): CommandModule[] => commandModules.map((make) => make(io, { code: 0 }));

/** The arguments yargs hands the command's handler, or undefined when it refuses the line. */
async function yargsArgs(argv: string[]): Promise<Record<string, unknown> | undefined> {
  let handed: Record<string, unknown> | undefined;
  let parser = yargs(argv)
    .options(globalOptions)
    .strict()
    .exitProcess(false)
    .fail(() => undefined);
  for (const command of commands()) {
    parser = parser.command({ ...command, handler: (args) => void (handed = args) });
  }
  await parser.parseAsync();
  return handed;
}

describe("a plain command line", () => {
  it.each([
    ["build"],
    ["build", "-q"],
    ["build", "-c", "x.yml", "--out-dir", "o", "--force", "--json", "--verbose"],
    ["check", "--json", "--out-dir", "d", "--quiet"],
    ["simulate", "a.bat", "--fixture", "l.txt"],
    ["simulate", "--fixture", "l.txt", "a.ps1", "--whatif", "--code-page", "850"],
    ["simulate", "a.bat", "--server", "x=a.txt", "--server", "y=b.txt", "--arg", "/dryrun"],
    ["simulate", "a.ps1", "--fixture", "l.txt", "--rd-sessions", "b.json", "--exit-code"],
    ["explain", "--json"],
  ])("%s: the handler gets what yargs gives it", async (...argv) => {
    const plain = plainCommandLine(argv, commands(), globalOptions);
    const expected = await yargsArgs(argv);
    expect(plain?.command.command).toMatch(new RegExp(`^${argv[0]}\\b`));
    // $0 is the script name yargs saw, which differs between the test runner and the CLI.
    expect({ ...plain?.args, $0: "" }).toEqual({ ...expected, $0: "" });
  });

  it.each([
    ["simulate", "a.bat"],
    ["simulate", "a.bat", "--fixture", "l.txt", "--code-page", "851"],
    ["simulate", "a.bat", "--arg", "x", "y", "--fixture", "l.txt"],
    ["build", "--force", "true"],
    ["build", "--force=true"],
    ["build", "--outDir", "x"],
    ["build", "--json", "--json"],
    ["build", "--help"],
    ["build", "extra"],
    ["lint", "a.bat"],
    ["diff"],
    ["--version"],
    [],
  ])("%s: left to yargs", (...argv) => {
    expect(plainCommandLine(argv, commands(), globalOptions)).toBeUndefined();
  });
});
