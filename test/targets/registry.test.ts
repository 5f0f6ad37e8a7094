/**
 * The script targets as plug-ins: the build holds every safe script to the reference
 * selection, so a back end that leaves out any one rule is refused; and a third target is
 * picked up by every stage, or refused with a clear message.
 */
import { describe, expect, it } from "vitest";
import { compileOptions } from "../../src/compile.js";
import { renderBatch } from "../../src/emit/batch.js";
import { batchRule } from "../../src/emit/batchRules.js";
import { renderArtifacts } from "../../src/emit/index.js";
import { renderPowerShell } from "../../src/emit/powershell.js";
import { powerShellRule } from "../../src/emit/powershellRules.js";
import { OptionsError } from "../../src/options/diagnostics.js";
import { planTarget } from "../../src/plan/plan.js";
import { ruleKinds, type RuleKind } from "../../src/plan/rules.js";
import {
  batchTarget,
  powerShellTarget,
  scriptTargets,
  type ScriptTarget,
} from "../../src/targets/index.js";
import { validateArtifacts, ValidationError } from "../../src/validate/index.js";
import { optionsFromYaml } from "../support/options.js";

/** A target whose options make each rule kind decide something on the recorded fixtures. */
const exercising: Record<RuleKind, string> = {
  hasUser: "",
  notListener: "",
  notCurrent: "",
  notConsole: "    excludeConsole: true\n",
  userNotIn: "    excludeUsers: [Administrator, alice, dupont]\n",
  userNotLike: '    excludeUsersMatching: ["admin*", "*ov"]\n',
  userIn: "    onlyUsers: [alice, dupont, lab-user]\n",
  userNotInGroups: "    excludeGroups: [RDS-Keep-Alive]\n",
  nameNotLike: '    excludeSessions: ["rdp-tcp#1*"]\n',
  idNotIn: "    excludeIds: [2]\n",
  stateIn: "    states: [disconnected]\n",
  idleAtLeast: "    idleMinutes: 30\n",
  disconnectedIdleAtLeast: "    disconnectedMinutes: 60\n",
};

/** The two back ends, each rendering every rule but `dropped`. */
function withoutRule(dropped: RuleKind): ScriptTarget[] {
  return [
    {
      ...batchTarget,
      render: (plan) =>
        renderBatch(plan, (rule) =>
          rule.kind === dropped ? { at: "afterState", lines: [] } : batchRule(rule),
        ),
    },
    {
      ...powerShellTarget,
      render: (plan) =>
        renderPowerShell(plan, (rule) => (rule.kind === dropped ? [] : powerShellRule(rule))),
    },
  ];
}

/** The one target of the options that exercise the always-present rules. */
function firstTarget() {
  const target = optionsFor("hasUser").targets[0];
  if (!target) throw new Error("no target");
  return target;
}

/** The formats that can hold a rule kind: the .bat refuses excludeGroups (net group shows no nesting). */
const formatsOf = (kind: RuleKind): string[] =>
  kind === "userNotInGroups" ? ["ps1"] : ["bat", "ps1"];

const optionsFor = (kind: RuleKind) =>
  optionsFromYaml(
    `targets:\n  - name: t\n    formats: [${formatsOf(kind).join(", ")}]\n${exercising[kind]}`,
  );

describe("the build proves each safe run equals the reference", () => {
  it("covers every rule kind", () => {
    expect(Object.keys(exercising).sort()).toEqual([...ruleKinds].sort());
  });

  it.each(ruleKinds)("accepts the real back ends for a target using %s", async (kind) => {
    await expect(compileOptions(optionsFor(kind))).resolves.toBeDefined();
  });

  it.each(ruleKinds)("refuses both scripts when the %s rule is not rendered", async (kind) => {
    const error = await compileOptions(optionsFor(kind), withoutRule(kind)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).problems.filter((p) => p.check === "simulate");
    expect(new Set(problems.map((p) => p.fileName))).toEqual(
      new Set(formatsOf(kind).map((format) => `t.${format}`)),
    );
    expect(problems[0]?.message).toMatch(/^on fixture \S+: /);
  });
});

describe("what the reference knows of state words", () => {
  it("builds a target reading one language, though other languages print the same words", async () => {
    // Italian listings print English Disc and Conn: an English-only target acts on them.
    const options = optionsFromYaml(
      "targets:\n  - name: t\n    locale: [en]\n    states: [disconnected, connected]\n",
    );
    await expect(compileOptions(options)).resolves.toBeDefined();
  });

  it("refuses session-name exclusions with source: broker, which gives no session names", () => {
    expect(() =>
      optionsFromYaml(
        "targets:\n  - name: t\n    formats: [ps1]\n    source: broker\n    excludeConsole: true\n",
      ),
    ).toThrow(/targets\[0\]\.source: the RD Connection Broker gives no session names/);
  });
});

describe("a third target", () => {
  const toy: ScriptTarget = {
    format: "toy",
    extensions: [".toy"],
    headerMarker: "# toy ",
    valueProblems: () => [],
    headerProblems: () => [],
    grammar: "powershell",
    render: (plan) => ({
      target: plan.target,
      format: "toy",
      fileName: `${plan.target}.toy`,
      bytes: Buffer.from(`# toy ${plan.target}\r\nWrite-Output 'toy'\r\n`, "latin1"),
    }),
    lint: (text) =>
      Promise.resolve(
        text.includes("toy")
          ? [{ code: "RDL204", severity: "warning", message: "a toy", line: 1, column: 1 }]
          : [],
      ),
    simulateOnFixtures: () => Promise.resolve([]),
    simulate: () => Promise.reject(new Error("a toy does not run")),
  };

  it("is rendered and validated by the stages that loop over the targets", async () => {
    const plan = { ...planTarget(firstTarget(), "x.yml"), formats: ["toy"] };
    const artifacts = renderArtifacts([plan], [...scriptTargets, toy]);
    expect(artifacts.map((a) => a.fileName)).toEqual(["t.toy"]);
    const problems = await validateArtifacts(artifacts, [plan], [...scriptTargets, toy]);
    expect(problems.map((p) => [p.fileName, p.check, p.severity])).toEqual([
      ["t.toy", "RDL204", "warning"],
    ]);
  });

  it("is refused clearly where no stage knows it", () => {
    const plan = { ...planTarget(firstTarget(), "x.yml"), formats: ["toy"] };
    expect(() => renderArtifacts([plan], scriptTargets)).toThrow(
      'target t: no script target renders format "toy"',
    );
    expect(() => optionsFromYaml("targets:\n  - name: t\n    formats: [toy]\n")).toThrow(
      OptionsError,
    );
    expect(() => optionsFromYaml("targets:\n  - name: t\n    formats: [toy]\n")).toThrow(
      /targets\[0\]\.formats\[0\]: unknown format "toy"; expected one of bat, ps1/,
    );
  });
});
