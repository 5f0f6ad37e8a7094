import type { CommandFactory } from "./types.js";

export const diffCommand: CommandFactory = (io, result) => ({
  command: "diff [old] [new]",
  describe:
    "Show who a change now logs off: run two scripts (or the scripts of two options files, or outDir against a git revision) on recorded listings and report each session whose fate changed",
  builder: (yargs) =>
    yargs
      .positional("old", { type: "string", describe: "The script or options file before" })
      .positional("new", { type: "string", describe: "The script or options file after" })
      .option("git", {
        type: "string",
        describe: "Compare the scripts of --dir at this git revision with the working tree",
      })
      .option("dir", {
        type: "string",
        default: "dist-scripts",
        describe: "The scripts folder --git compares",
      })
      .option("fixtures", {
        type: "string",
        describe: "A folder of recorded query session listings (.txt); default: rdlogoff's own",
      })
      .option("textconv", {
        type: "string",
        describe:
          "Print what one script does on every listing, for git's textconv: git diff then shows behaviour",
      })
      .option("format", {
        type: "string",
        choices: ["text", "markdown", "json"],
        default: "text",
        describe: "markdown: a summary line and a table per listing, for a pull request",
      })
      .check(
        (argv) =>
          argv.git !== undefined ||
          argv.textconv !== undefined ||
          (argv.old !== undefined && argv.new !== undefined) ||
          "Name two scripts or options files to compare, or --git REV, or --textconv SCRIPT",
      )
      .example("$0 diff old.bat new.bat", "What changes between two scripts")
      .example("$0 diff --git origin/main --format markdown", "For a pull request comment"),
  handler: async (argv) => {
    const { runDiff } = await import("./diffRun.js");
    await runDiff(io, result, argv);
  },
});
