import type { CommandFactory } from "./types.js";

export const simulateCommand: CommandFactory = (io, result) => ({
  command: "simulate <script>",
  describe:
    "Run a .bat, .cmd or .ps1 script in-process against recorded listings; print its program calls",
  builder: (yargs) =>
    yargs
      .positional("script", {
        type: "string",
        demandOption: true,
        describe: "The .bat, .cmd or .ps1 script",
      })
      .option("fixture", {
        type: "string",
        describe:
          "What `query session` prints on the local server (a recorded listing); not needed when every server the script lists is given with --server",
      })
      .option("server", {
        type: "string",
        array: true,
        default: [],
        describe:
          "NAME=LISTING.txt[,QUSER.txt]: what `query session /server:NAME` (and `query user /server:NAME`) print (repeatable)",
      })
      .option("exit-code", {
        type: "boolean",
        default: false,
        describe: "Exit with the script's own exit code (printed in any case)",
      })
      .check(
        (argv) =>
          argv.fixture !== undefined ||
          argv.server.length > 0 ||
          "Name what query session prints: --fixture LISTING.txt, or --server NAME=LISTING.txt for each server",
      )
      .option("user-fixture", {
        type: "string",
        describe: "What `query user` prints on the local server",
      })
      .option("arg", {
        type: "string",
        array: true,
        default: [],
        describe: "An argument (%1, %2, ...) for the script",
      })
      .option("rd-sessions", {
        type: "string",
        describe:
          ".ps1: Get-RDUserSession objects (JSON array, as fixtures/rd-user-session/); without it the RemoteDesktop module is absent",
      })
      .option("directory", {
        type: "string",
        describe:
          '.ps1: the domain [adsisearcher] searches, for excludeGroups (JSON: {"reachable": true, "groups": [{"name", "members": [{"kind": "user"|"group", "name"}], "primaryMembers": [names]}]}); without it the host is in no domain',
      })
      .option("whatif", {
        type: "boolean",
        default: false,
        describe: ".ps1: run with -WhatIf",
      })
      .option("code-page", {
        type: "number",
        choices: [437, 850, 866, 65001],
        describe:
          ".ps1: the console code page that decodes the tools' output (default: guessed from the listing: 437 for ASCII, 65001 for UTF-8, 866 for a Cyrillic header, else 850)",
      })
      .option("json", {
        type: "boolean",
        default: false,
        describe: "Print {calls, stdout, stderr, exitCode, steps} as JSON",
      })
      .example(
        "$0 simulate dist-scripts/kb.bat --fixture listing.txt",
        "The logoff calls kb.bat would make",
      )
      .example(
        "$0 simulate dist-scripts/logoff-all.ps1 --fixture l.txt --rd-sessions broker.json --whatif",
        "What the .ps1 does on a Connection Broker, under -WhatIf",
      ),
  handler: async (argv) => {
    const { runSimulate } = await import("./simulateRun.js");
    await runSimulate(io, result, argv);
  },
});
