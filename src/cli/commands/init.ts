import type { CommandFactory } from "./types.js";

/** The starter options files `rdlogoff init` can write (templates/init/<preset>.yml). */
export const initPresets = ["disconnected", "maintenance", "kb"] as const;

export const initCommand: CommandFactory = (io, result) => ({
  command: "init",
  describe:
    "Write a commented starter options file (and a .gitattributes that keeps the scripts' CRLF) in the current folder; never overwrites",
  builder: (yargs) =>
    yargs
      .option("preset", {
        type: "string",
        choices: initPresets,
        default: "disconnected",
        describe:
          "disconnected: log off sessions disconnected for two hours; maintenance: warn, wait, log off everyone but admins; kb: the KB's four scripts beside safe ones",
      })
      .option("ci", {
        type: "string",
        choices: ["github", "azure", "gitlab"],
        describe:
          "Also write a CI file that runs rdlogoff check and, on a pull request, rdlogoff diff (examples/ci)",
      })
      .example("$0 init", "Start with disconnected sessions")
      .example("$0 init --ci github", "And a GitHub Actions workflow")
      .example("$0 init --preset maintenance", "Start with a maintenance logoff"),
  handler: async (argv) => {
    const { runInit } = await import("./initRun.js");
    await runInit(io, result, argv);
  },
});
