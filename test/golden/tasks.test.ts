import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderTaskFiles, taskXmlText } from "../../src/emit/task.js";
import { parseOptions } from "../../src/options/load.js";
import { planOptions } from "../../src/plan/plan.js";
import { packageRoot } from "../../src/paths.js";
import { expectGolden, expectNoOrphanGoldens } from "../support/golden.js";

/**
 * Golden task files: every file build writes for the scheduled targets of
 * test/emit/task-options.yml, as text (a task decoded from UTF-16; test/emit/task.test.ts pins
 * the encoding), under test/golden/tasks/<file>.txt.
 */
describe("golden task files", () => {
  it("pins each .task.xml and install-tasks.cmd", () => {
    const file = path.join(packageRoot, "test/emit/task-options.yml");
    const options = parseOptions(
      readFileSync(file, "utf8"),
      "/work/project/rdlogoff.config.yml",
      "rdlogoff.config.yml",
    );
    const files = renderTaskFiles(options.targets, planOptions(options));
    expect(files.length).toBe(4);
    const names = new Set<string>();
    for (const { fileName, bytes } of files) {
      const name = path.join("tasks", `${fileName}.txt`);
      names.add(name);
      expectGolden(name, taskXmlText(bytes) ?? bytes.toString("latin1"));
    }
    expectNoOrphanGoldens("tasks", names);
  });
});
