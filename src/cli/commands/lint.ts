import type { CommandFactory } from "./types.js";

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
    const { runLint } = await import("./lintRun.js");
    await runLint(io, result, argv);
  },
});
