/**
 * The CI recipes in examples/ci, run as their CI would run them: each file is parsed, and its
 * shell steps run with bash in a git repository made by `rdlogoff init`, on a pull request
 * whose change makes the maintenance script keep one more user. `npx rdlogoff` is this
 * checkout (a shim first on PATH), `npm ci` is skipped (nothing to install).
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { packageRoot } from "../../src/paths.js";
import { builtCli } from "../support/cli.js";

const recipes = path.join(packageRoot, "examples", "ci");

/** The shell steps of each recipe, with the CI's own variables filled in for a pull request to main. */
const shellSteps: Record<string, (file: string) => string[]> = {
  "github-actions.yml": (text) => {
    const doc = parse(text) as { jobs: Record<string, { steps: { run?: string }[] }> };
    return Object.values(doc.jobs)
      .flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])))
      .map((run) => run.replaceAll("${{ github.base_ref }}", "main"));
  },
  "azure-pipelines.yml": (text) => {
    const doc = parse(text) as { steps: { script?: string }[] };
    return doc.steps
      .flatMap((step) => (step.script ? [step.script] : []))
      .map((script) => script.replaceAll("$(System.PullRequest.TargetBranch)", "main"));
  },
  "gitlab-ci.yml": (text) => {
    const doc = parse(text) as { rdlogoff: { script: string[] } };
    return doc.rdlogoff.script;
  },
};

let root: string;
let shims: string;

async function rdlogoff(cwd: string, argv: string[]): Promise<number> {
  return main(argv, { cwd, stdout: () => undefined, stderr: () => undefined });
}

/** A repository with an origin whose main has the maintenance preset, on a branch that changes it. */
async function pullRequest(): Promise<string> {
  const dir = mkdtempSync(path.join(root, "repo-"));
  const origin = `${dir}-origin.git`;
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.com", ...args], {
      cwd: dir,
      stdio: "ignore",
    });
  execFileSync("git", ["init", "-q", "--bare", origin]);
  git("init", "-q", "-b", "main");
  expect(await rdlogoff(dir, ["init", "--preset", "maintenance", "-q"])).toBe(0);
  expect(await rdlogoff(dir, ["build", "-q"])).toBe(0);
  git("add", ".");
  git("commit", "-q", "-m", "maintenance logoff");
  git("remote", "add", "origin", origin);
  git("push", "-q", "origin", "main");
  git("fetch", "-q", "origin");
  git("checkout", "-q", "-b", "keep-dupont");
  const options = path.join(dir, "rdlogoff.config.yml");
  writeFileSync(
    options,
    readFileSync(options, "utf8").replace(
      "excludeUsers: [Administrator]",
      "excludeUsers: [Administrator, dupont]",
    ),
  );
  expect(await rdlogoff(dir, ["build", "-q"])).toBe(0);
  git("commit", "-q", "-am", "keep dupont");
  return dir;
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "rdlogoff-ci-"));
  shims = path.join(root, "bin");
  mkdirSync(shims);
  const npx = path.join(shims, "npx");
  writeFileSync(
    npx,
    `#!/bin/sh\n[ "$1" = rdlogoff ] && shift\nexec "${process.execPath}" "${builtCli()}" "$@"\n`,
  );
  const npm = path.join(shims, "npm");
  writeFileSync(npm, '#!/bin/sh\n[ "$1" = ci ] && exit 0\nexit 1\n');
  chmodSync(npx, 0o755);
  chmodSync(npm, 0o755);
});

describe("CI recipes", () => {
  it("cover GitHub Actions, Azure Pipelines and GitLab CI", () => {
    expect(Object.keys(shellSteps).every((file) => existsSync(path.join(recipes, file)))).toBe(
      true,
    );
  });

  it.each(Object.keys(shellSteps))(
    "%s: check passes and the pull request's diff says who is no longer logged off",
    async (file) => {
      const dir = await pullRequest();
      const summary = path.join(dir, "summary.md");
      const steps = shellSteps[file]?.(readFileSync(path.join(recipes, file), "utf8")) ?? [];
      expect(steps.length).toBeGreaterThanOrEqual(3);
      for (const step of steps) {
        const run = spawnSync("bash", ["-e", "-c", step], {
          cwd: dir,
          encoding: "utf8",
          env: {
            ...process.env,
            PATH: `${shims}${path.delimiter}${process.env.PATH ?? ""}`,
            GITHUB_STEP_SUMMARY: summary,
            CI_MERGE_REQUEST_TARGET_BRANCH_NAME: "main",
          },
        });
        expect({ step, status: run.status, stderr: run.stderr }).toMatchObject({ step, status: 0 });
      }
      const diff = readFileSync(path.join(dir, "rdlogoff-diff.md"), "utf8");
      expect(diff.split("\n")[0]).toMatch(
        /^\*\*rdlogoff diff:\*\* 2 script\(s\) behave differently/,
      );
      expect(diff).toContain("| this server session 2 | no longer logged off, no longer warned |");
      if (file === "github-actions.yml") expect(readFileSync(summary, "utf8")).toBe(diff);
    },
    120_000,
  );
});
