/**
 * The recorded `net group` / `net localgroup` outputs (fixtures/net-group): every file is the
 * bytes its sidecar's SHA-256 names, and its members are what the sidecar says, read by the
 * documented grid (after the line of dashes, cells of the sidecar's width, up to the
 * completion line).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "../../src/paths.js";

interface NetGroupSidecar {
  source: { sha256: string; command: string; kept: string; url?: string; indexId?: number };
  truth:
    | {
        kind: "listing";
        group: string;
        columns: { count: number; width: number };
        members: string[];
      }
    | { kind: "error"; message: string; helpmsg: number };
}

const dir = path.join(fixturesDir, "net-group");
const names = readdirSync(dir)
  .filter((file) => file.endsWith(".txt"))
  .map((file) => file.slice(0, -4));

/** The members of a listing: the grid's cells between the dashes and the completion line. */
function members(text: string, width: number): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => /^-{79}$/.test(line));
  const end = lines.indexOf("The command completed successfully.");
  if (start < 0 || end < start) throw new Error("no member grid");
  return lines.slice(start + 1, end).flatMap((line) => {
    const cells: string[] = [];
    for (let at = 0; at < line.length; at += width)
      cells.push(line.slice(at, at + width).trimEnd());
    return cells.filter((cell) => cell !== "");
  });
}

describe("net group fixtures", () => {
  it("holds the English captures", () => {
    expect(names.length).toBeGreaterThanOrEqual(4);
  });

  it.each(names)("%s matches its sidecar", (name) => {
    const bytes = readFileSync(path.join(dir, `${name}.txt`));
    const sidecar = JSON.parse(
      readFileSync(path.join(dir, `${name}.json`), "utf8"),
    ) as NetGroupSidecar;
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(sidecar.source.sha256);
    expect(sidecar.source.url ?? sidecar.source.indexId).toBeDefined();
    const text = bytes.toString("utf8");
    const truth = sidecar.truth;
    if (truth.kind === "error") {
      expect(text).toContain(
        `${truth.message}\n\nMore help is available by typing NET HELPMSG ${truth.helpmsg}.\n`,
      );
      return;
    }
    expect(text).toMatch(new RegExp(`^(?:Group|Alias) name {5}${truth.group}$`, "m"));
    expect(members(text, truth.columns.width)).toEqual(truth.members);
    // net group pads every name to its cell, the last of a row included; net localgroup
    // prints one name a line, unpadded.
    const lines = text.split("\n");
    const grid = lines.slice(lines.findIndex((line) => /^-{79}$/.test(line)) + 1, -2);
    for (const row of grid) {
      if (truth.columns.count > 1) expect(row.length % truth.columns.width).toBe(0);
      else expect(row).toBe(row.trim());
    }
  });
});
