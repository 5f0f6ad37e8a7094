/**
 * The scripts that matter most, run under both engines against the recorded `query session`
 * fixtures: the two KB Q259436 scripts (skip=1 and skip=2) and every `.bat` in dist-scripts/.
 * Both engines must make the same calls. Only ASCII fixtures take part: Wine's cmd.exe
 * re-encodes non-ASCII bytes (see wineRunner.js), so it cannot judge those.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listFixtures, loadListingFixture, type ListingFixture } from "../../src/listing/index.js";
import { fixturesDir, packageRoot } from "../../src/paths.js";
import { simulateBatch } from "../../src/simulate/batch/index.js";
import { createSessionWorld, type SessionWorldConfig } from "../../src/simulate/world.js";
import { runUnderWineAgreeing, wineGate } from "./wine.js";

/**
 * The KB scripts, line for line from the current article's console blocks. The article ends
 * each line with two spaces (a Markdown line break, absent from the NT4 text), dropped here.
 */
function kbScripts(): { name: string; script: string }[] {
  const article = readFileSync(
    path.join(fixturesDir, "kb", "kb259436-windows-server.md"),
    "latin1",
  );
  const blocks = [...article.matchAll(/```console\r?\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  return blocks
    .filter((block) => block.includes("for /f"))
    .map((block) => {
      const lines = block.split(/\r?\n/).filter((line) => line.trim() !== "");
      const skip = /skip=(\d)/.exec(block)?.[1] ?? "?";
      return {
        name: `KB Q259436 skip=${skip}`,
        script: lines.map((line) => `${line.trimEnd()}\r\n`).join(""),
      };
    });
}

/** Every generated batch script present when the test runs. */
function distScripts(): { name: string; script: string }[] {
  const dir = path.join(packageRoot, "dist-scripts");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(".bat"))
    .sort()
    .map((file) => ({
      name: `dist-scripts/${file}`,
      script: readFileSync(path.join(dir, file), "latin1"),
    }));
}

function worldOf(fixture: ListingFixture): SessionWorldConfig {
  const sessionIds =
    fixture.truth.kind === "listing" ? fixture.truth.sessions.map((s) => s.id) : [];
  return { servers: { "": { querySession: fixture.result, sessionIds } } };
}

const asciiFixtures: ListingFixture[] = (
  await Promise.all((await listFixtures("query-session")).map((file) => loadListingFixture(file)))
).filter((fixture) => fixture.truth.kind === "error" || fixture.truth.encoding === "ascii");

const scripts = [...kbScripts(), ...distScripts()];
const rows = scripts.flatMap((script) =>
  asciiFixtures.map((fixture) => ({ ...script, fixture: fixture.name, world: worldOf(fixture) })),
);

describe("scripts under test", () => {
  it("include both KB scripts and ASCII fixtures", () => {
    expect(kbScripts().map((s) => s.name)).toEqual(["KB Q259436 skip=1", "KB Q259436 skip=2"]);
    expect(asciiFixtures.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!wineGate())("scripts: Wine and the simulator make the same calls", () => {
  it.each(rows)("$name on $fixture", async (row) => {
    const simulated = simulateBatch(row.script, createSessionWorld(row.world)).calls;
    const { run, unstable } = await runUnderWineAgreeing(
      row.script,
      row.world,
      {},
      (candidate) => JSON.stringify(candidate.calls) === JSON.stringify(simulated),
    );
    expect(
      run.calls,
      `simulator calls differ from Wine's${unstable ? " (two Wine runs disagreed with each other)" : ""}\nscript:\n${row.script}`,
    ).toEqual(simulated);
  });
});
