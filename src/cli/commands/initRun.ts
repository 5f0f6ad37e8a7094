import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { defaultConfigNames } from "../../options/load.js";
import { packageRoot, templatesDir } from "../../paths.js";
import { ExitCode } from "../exitCodes.js";
import type { CliIo } from "../io.js";
import type { CommandResult } from "./types.js";

/** Keeps git from touching the line ends of the generated scripts (cmd misreads LF files). */
const gitattributesRule = "dist-scripts/** -text";

/** The handler of `rdlogoff init`, loaded only when the command runs. */
export async function runInit(io: CliIo, result: CommandResult, argv: unknown): Promise<void> {
  const args = argv as { preset: string; quiet: boolean };
  const existing = defaultConfigNames.find((name) => existsSync(path.join(io.cwd, name)));
  if (existing) {
    io.stderr(`rdlogoff init: ${existing} exists; init never overwrites an options file\n`);
    result.code = ExitCode.badInput;
    return;
  }
  // The schema inside the installed package, as the editor finds it from this folder.
  const schema = path
    .relative(io.cwd, path.join(packageRoot, "schema", "rdlogoff.schema.json"))
    .split(path.sep)
    .join("/");
  const text = (await readFile(path.join(templatesDir, "init", `${args.preset}.yml`), "utf8"))
    .split("{{schema}}")
    .join(schema);
  const file = path.join(io.cwd, defaultConfigNames[0] ?? "rdlogoff.config.yml");
  await writeFile(file, text, { flag: "wx" });
  const wrote = [path.basename(file)];
  const attributes = path.join(io.cwd, ".gitattributes");
  if (!existsSync(attributes)) {
    await writeFile(
      attributes,
      `# rdlogoff: the scripts keep their CRLF line ends\n${gitattributesRule}\n`,
      {
        flag: "wx",
      },
    );
    wrote.push(".gitattributes");
  } else if (!(await readFile(attributes, "utf8")).includes(gitattributesRule)) {
    io.stderr(
      `rdlogoff init: add "${gitattributesRule}" to .gitattributes, so git keeps the scripts' CRLF\n`,
    );
  }
  if (!args.quiet) {
    io.stdout(`wrote ${wrote.join(" and ")} (preset ${args.preset}); next: npx rdlogoff build\n`);
  }
}
