import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { defaultConfigNames } from "../../options/load.js";
import { packageRoot, templatesDir } from "../../paths.js";
import { ExitCode } from "../exitCodes.js";
import type { CliIo } from "../io.js";
import type { CommandResult } from "./types.js";

/** The CI recipes in examples/ci, and where each CI reads its file. */
const ciRecipes = {
  github: ["github-actions.yml", ".github/workflows/rdlogoff.yml"],
  azure: ["azure-pipelines.yml", "azure-pipelines.yml"],
  gitlab: ["gitlab-ci.yml", ".gitlab-ci.yml"],
} as const;

/** Keeps git from touching the line ends of the generated scripts (cmd misreads LF files). */
const gitattributesRule = "dist-scripts/** -text";

/** The handler of `rdlogoff init`, loaded only when the command runs. */
export async function runInit(io: CliIo, result: CommandResult, argv: unknown): Promise<void> {
  const args = argv as { preset: string; quiet: boolean; ci?: "github" | "azure" | "gitlab" };
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
  if (args.ci !== undefined) {
    const [recipe, destination] = ciRecipes[args.ci];
    const file = path.join(io.cwd, destination);
    if (existsSync(file)) {
      io.stderr(`rdlogoff init: ${destination} exists; see examples/ci/${recipe} in the package\n`);
    } else {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, await readFile(path.join(packageRoot, "examples", "ci", recipe)), {
        flag: "wx",
      });
      wrote.push(destination);
    }
  }
  if (!args.quiet) {
    io.stdout(`wrote ${wrote.join(", ")} (preset ${args.preset}); next: npx rdlogoff build\n`);
  }
}
