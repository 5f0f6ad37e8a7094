/**
 * The published package, as a user gets it: `npm pack`, install the tarball into a fresh
 * project outside this repository, then use it there as a library (an ESM script and a
 * TypeScript consumer) and as a command (`npx rdlogoff build`).
 *
 * Packs the dist/ that `npm test` builds first (`--ignore-scripts`: no second build while
 * other test files run the CLI from dist/). Installs the dependencies from the npm registry,
 * or from npm's cache when it holds them.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/paths.js";
import { generatorVersion } from "../../src/version.js";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

/**
 * The environment without what describes this repository to npm's scripts when `npm test`
 * runs us (the package's fields, the lifecycle, its folder): the child npm must act on the
 * fresh project. npm's settings (registry, cache, proxy, certificates) pass through.
 */
const cleanEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|INIT_CWD$)/i.test(key),
  ),
);

async function sh(command: string, args: string[], cwd: string) {
  return run(command, args, {
    cwd,
    env: { ...cleanEnv, NO_COLOR: "1" },
    shell: process.platform === "win32", // npm.cmd and npx.cmd need one there
    maxBuffer: 64 * 1024 * 1024,
  });
}

let tmp: string;
let project: string;
let packed: string[];
let setupSeconds = 0;

beforeAll(async () => {
  const started = Date.now();
  if (!existsSync(path.join(packageRoot, "dist/index.js"))) {
    throw new Error("dist/index.js is missing: run npm run build (npm test does) first");
  }
  tmp = await mkdtemp(path.join(tmpdir(), "rdlogoff-pack-"));
  const pack = await sh(
    npm,
    ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp],
    packageRoot,
  );
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed no package: ${pack.stdout}`);
  packed = info.files.map((f) => f.path);

  project = path.join(tmp, "project");
  await mkdir(project);
  await writeFile(
    path.join(project, "package.json"),
    `${JSON.stringify({ name: "rdlogoff-consumer", private: true, type: "module" }, null, 2)}\n`,
  );
  await sh(
    npm,
    ["install", "--no-audit", "--no-fund", "--prefer-offline", path.join(tmp, info.filename)],
    project,
  );
  setupSeconds = (Date.now() - started) / 1000;
}, 600_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Every file under `folder` of this repository, as package paths. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(packageRoot, folder), {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) =>
      path.relative(packageRoot, path.join(e.parentPath, e.name)).split(path.sep).join("/"),
    );
}

describe("npm pack", () => {
  it("ships the library, the CLI and the data they read, and nothing from test/ or src/", async () => {
    for (const file of [
      "package.json",
      "README.md",
      "bin/rdlogoff.js",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/cli/main.js",
      // The bundled CLI bin/rdlogoff.js runs, and the two files it loads by path.
      "dist/bundle/main.js",
      "dist/bundle/worker.js",
      "dist/bundle/schemaValidator.js",
      "fixtures/README.md",
    ]) {
      expect(packed, file).toContain(file);
    }
    // What the library reads at run time (templates, the validator's fixtures), the schema
    // editors point at, and the pages lint findings name: every file of those folders.
    for (const folder of [
      "templates",
      "schema",
      "docs",
      "fixtures/query-session",
      "fixtures/rd-user-session",
    ]) {
      const files = await filesUnder(folder);
      expect(files.length, folder).toBeGreaterThan(0);
      expect(
        files.filter((f) => !packed.includes(f)),
        folder,
      ).toEqual([]);
    }
    expect(packed.filter((f) => /^(test|src|scripts|bench|\.ci)\//.test(f))).toEqual([]);
    expect(packed.filter((f) => f.endsWith(".map"))).toEqual([]);
    console.log(`pack + install: ${setupSeconds.toFixed(1)} s, ${packed.length} files packed`);
  });
});

describe("the installed package", () => {
  it("compiles an options file through the API of an ESM import", async () => {
    await writeFile(
      path.join(project, "api.yml"),
      "targets:\n  - name: api-kb\n    style: kb\n    formats: [bat]\n  - name: api-safe\n    excludeConsole: true\n",
    );
    await writeFile(
      path.join(project, "use-api.mjs"),
      `import { compileOptions, loadOptions, OptionsError, parseOptions } from "rdlogoff";

const options = await loadOptions(process.cwd(), "api.yml");
const { plans, artifacts } = await compileOptions(options);
let rejected;
try {
  parseOptions("targets: []\\n", "/x/bad.yml", "bad.yml");
} catch (error) {
  rejected = error instanceof OptionsError ? error.message : String(error);
}
console.log(JSON.stringify({
  plans: plans.map((p) => p.target),
  artifacts: artifacts.map((a) => ({
    fileName: a.fileName,
    firstLine: a.bytes.toString("latin1").split("\\r\\n")[0],
  })),
  rejected,
}));
`,
    );
    // --liftoff-only, as the README advises library users and bin/rdlogoff.js does: without it
    // V8 spends ~6 s optimizing the PowerShell grammar's WebAssembly (same result).
    const { stdout } = await sh(process.execPath, ["--liftoff-only", "use-api.mjs"], project);
    const result = JSON.parse(stdout) as {
      plans: string[];
      artifacts: { fileName: string; firstLine: string }[];
      rejected: string;
    };
    expect(result.plans).toEqual(["api-kb", "api-safe"]);
    expect(result.artifacts.map((a) => a.fileName)).toEqual([
      "api-kb.bat",
      "api-safe.bat",
      "api-safe.ps1",
    ]);
    const bat = result.artifacts.find((a) => a.fileName === "api-safe.bat");
    expect(bat?.firstLine).toBe(
      `@rem Generated by rdlogoff ${generatorVersion} from ../api.yml, target api-safe.`,
    );
    expect(result.rejected).toBe("bad.yml:1:10 targets: must not be empty");
  });

  it("gives TypeScript its types", async () => {
    await writeFile(
      path.join(project, "consumer.ts"),
      `import { compileOptions, parseOptions, type Artifact, type RdlOptions } from "rdlogoff";

const options: RdlOptions = parseOptions("targets:\\n  - name: a\\n", "/x/a.yml", "a.yml");
const names: Promise<Artifact["fileName"][]> = compileOptions(options).then((c) =>
  c.artifacts.map((a) => a.fileName),
);
// @ts-expect-error: the API is typed, so a wrong argument is an error.
parseOptions(42, "/x/a.yml", "a.yml");
export { names };
`,
    );
    const tsc = path.join(packageRoot, "node_modules/typescript/bin/tsc");
    const typeRoots = path.join(packageRoot, "node_modules/@types");
    const args = [
      "--noEmit",
      "--strict",
      "--skipLibCheck",
      "--target",
      "es2022",
      "--module",
      "nodenext",
    ];
    args.push("--typeRoots", typeRoots, "--types", "node", "consumer.ts");
    await expect(sh(process.execPath, [tsc, ...args], project)).resolves.toMatchObject({
      stdout: "",
    });
  });

  it("runs npx rdlogoff build in the project", async () => {
    await writeFile(
      path.join(project, "rdlogoff.config.yml"),
      "targets:\n  - name: logoff-disconnected\n    states: [disconnected]\n    formats: [bat]\n",
    );
    const build = await sh(npx, ["--no-install", "rdlogoff", "build"], project);
    expect(build.stdout).toBe(
      "wrote dist-scripts/logoff-disconnected.bat\n1 script(s) in dist-scripts: 1 written, 0 unchanged, 0 removed\n",
    );
    expect(await readdir(path.join(project, "dist-scripts"))).toEqual(["logoff-disconnected.bat"]);
    const script = await readFile(path.join(project, "dist-scripts/logoff-disconnected.bat"));
    expect(script.toString("latin1")).toMatch(
      new RegExp(
        `^@rem Generated by rdlogoff ${generatorVersion.replaceAll(".", "\\.")} from \\.\\./rdlogoff\\.config\\.yml, target logoff-disconnected\\.\\r\\n`,
      ),
    );
  });

  it("runs npx rdlogoff init, build and check in an empty folder", async () => {
    const folder = path.join(project, "fresh");
    await mkdir(folder);
    const run = (args: string[]) => sh(npx, ["--no-install", "rdlogoff", ...args], folder);
    expect((await run(["init"])).stdout).toBe(
      "wrote rdlogoff.config.yml, .gitattributes (preset disconnected); next: npx rdlogoff build\n",
    );
    const config = await readFile(path.join(folder, "rdlogoff.config.yml"), "utf8");
    // The $schema line points into the installed package.
    expect(config.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../node_modules/rdlogoff/schema/rdlogoff.schema.json",
    );
    expect((await run(["build"])).stderr).toBe("");
    expect((await run(["check"])).stdout).toBe("dist-scripts is up to date (2 script(s))\n");
  });
});
