import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { it } from "vitest";
import { packageRoot } from "../../src/paths.js";

/** The XSD of the Task Scheduler schema subset rdlogoff writes. */
export const taskXsd = path.join(packageRoot, "schema/task-scheduler-1.2-subset.xsd");

const available = spawnSync("xmllint", ["--version"], { encoding: "utf8" }).error === undefined;

/**
 * Whether xmllint (Debian's libxml2-utils) can run the tests that need it. When it cannot,
 * says so, and under `REQUIRE_XMLLINT=1` (set by .ci/run) registers a failing test instead
 * of a silent skip.
 */
export function xmllintGate(): boolean {
  if (available) return true;
  const required = process.env.REQUIRE_XMLLINT === "1";
  console.warn(
    `xmllint tests skipped: xmllint is not installed (apt-get install libxml2-utils)${required ? " (REQUIRE_XMLLINT=1)" : ""}`,
  );
  if (required) {
    it("xmllint is installed (REQUIRE_XMLLINT=1)", () => {
      throw new Error("xmllint is not installed");
    });
  }
  return false;
}

let folder: string | undefined;
let count = 0;

/** Writes `bytes` to a new file (xmllint reads UTF-16 with its byte order mark as it is). */
function fileOf(bytes: Buffer, name: string): string {
  folder ??= mkdtempSync(path.join(tmpdir(), "rdlogoff-xmllint-"));
  const file = path.join(folder, `${count++}-${name}`);
  writeFileSync(file, bytes);
  return file;
}

/** xmllint's verdict on a document against an XSD: exit status and what it printed. */
export function validateAgainst(
  bytes: Buffer,
  name: string,
  xsd = taskXsd,
): { status: number | null; stderr: string } {
  const run = spawnSync("xmllint", ["--noout", "--schema", xsd, fileOf(bytes, name)], {
    encoding: "utf8",
  });
  return { status: run.status, stderr: run.stderr };
}

/**
 * The string value of an XPath 1.0 expression on a document, as libxml2's parser reads it
 * (entities decoded). `t:` names the Task Scheduler namespace.
 */
export function xpathString(bytes: Buffer, name: string, expression: string): string {
  const file = fileOf(bytes, name);
  const run = spawnSync(
    "xmllint",
    [
      "--noout",
      "--xpath",
      `string(${expression.replace(/t:([A-Za-z]+)/g, "*[local-name()='$1']")})`,
      file,
    ],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`xmllint --xpath ${expression}: ${run.stderr}`);
  return run.stdout.replace(/\n$/, "");
}
