/**
 * A build whose options did not change renders nothing: its artifacts come from the render
 * cache, byte for byte what rendering gives, and a changed plan or a damaged entry renders again.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderArtifacts } from "../../src/emit/index.js";
import { loadOptions } from "../../src/options/load.js";
import { planOptions } from "../../src/plan/plan.js";
import { packageRoot } from "../../src/paths.js";
import { scriptTargets } from "../../src/targets/index.js";
import { cachedArtifacts, folderRenderCache } from "../../src/validate/cache.js";
import { installedDependencies } from "../../src/version.js";

async function defaultPlans() {
  return planOptions(await loadOptions(packageRoot));
}

/** Renders through the cache, counting how often rendering ran. */
function counted(dir: string) {
  let renders = 0;
  const cache = folderRenderCache(dir);
  return {
    run: (plans: Awaited<ReturnType<typeof defaultPlans>>) =>
      cachedArtifacts(plans, scriptTargets, cache, () => {
        renders++;
        return renderArtifacts(plans, scriptTargets);
      }),
    renders: () => renders,
  };
}

describe("the render cache", () => {
  it("gives a second build the rendered bytes without rendering", async () => {
    const plans = await defaultPlans();
    const cache = counted(mkdtempSync(path.join(tmpdir(), "rdlogoff-render-")));
    const first = await cache.run(plans);
    const second = await cache.run(plans);
    expect(cache.renders()).toBe(1);
    expect(first).toEqual(renderArtifacts(plans, scriptTargets));
    expect(second).toEqual(first);
  });

  it("renders again for a changed plan", async () => {
    const plans = await defaultPlans();
    const cache = counted(mkdtempSync(path.join(tmpdir(), "rdlogoff-render-")));
    await cache.run(plans);
    const changed = plans.map((plan, i) =>
      i === 0 ? { ...plan, description: `${plan.description} (changed)` } : plan,
    );
    expect(await cache.run(changed)).toEqual(renderArtifacts(changed, scriptTargets));
    expect(cache.renders()).toBe(2);
  });

  it("renders again when an entry is damaged", async () => {
    const plans = await defaultPlans();
    const dir = mkdtempSync(path.join(tmpdir(), "rdlogoff-render-"));
    const cache = counted(dir);
    await cache.run(plans);
    for (const name of readdirSync(dir)) writeFileSync(path.join(dir, name), "[]");
    expect(await cache.run(plans)).toEqual(renderArtifacts(plans, scriptTargets));
    expect(cache.renders()).toBe(2);
  });
});

describe("what cached results depend on besides rdlogoff's code", () => {
  it("names each dependency with the version installed, as an installed package has no lockfile", () => {
    const manifest = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const names = Object.keys(manifest.dependencies).sort();
    expect(names.length).toBeGreaterThan(0);
    const installed = names.map((name) => {
      const { version } = JSON.parse(
        readFileSync(path.join(packageRoot, "node_modules", name, "package.json"), "utf8"),
      ) as { version: string };
      return `${name}@${version}\n`;
    });
    expect(installedDependencies()).toBe(installed.join(""));
  });
});
