import type { CommandFactory } from "./types.js";

export const lintCommand: CommandFactory = (io, result) => ({
  command: "lint <files..>",
  describe: "Check .bat and .ps1 files (generated or hand-written) with rdlogoff's lint rules",
  builder: (yargs) =>
    yargs
      .positional("files", { type: "string", array: true, describe: "Scripts to check" })
      .option("format", {
        type: "string",
        choices: ["gcc", "stylish", "json", "sarif", "checkstyle"],
        default: "gcc",
        describe:
          "gcc: file:line:col lines editors link; stylish: grouped by file; json; sarif: SARIF 2.1.0 for code scanning; checkstyle: XML for CI dashboards",
      })
      .option("json", { type: "boolean", default: false, describe: "The same as --format json" })
      .example("$0 lint old-logoff.bat", "See what is wrong with a hand-edited KB script")
      .example("$0 lint dist-scripts/*.bat --format sarif > lint.sarif", "Upload to code scanning")
      .example("$0 lint dist-scripts/*.ps1 --quiet", "Errors only"),
  handler: async (argv) => {
    const { runLint } = await import("./lintRun.js");
    await runLint(io, result, argv);
  },
});
