import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeUtf8, encodeOem, type FixtureSidecar } from "../../src/listing/index.js";
import { fixturesDir } from "../../src/paths.js";

/** The research folder the fixtures were copied from; absent outside the project workspace. */
const referenceDir = process.env.RDLOGOFF_REFERENCE_DIR ?? "/work/shared/reference/query-samples";
const haveReference = existsSync(path.join(referenceDir, "INDEX.md"));

interface Pair {
  name: string;
  folder: string;
  sidecar: FixtureSidecar;
}

async function pairs(kind: "query-session" | "query-user"): Promise<Pair[]> {
  const folder = path.join(fixturesDir, kind);
  const names = (await readdir(folder)).filter((name) => name.endsWith(".txt")).sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      folder,
      sidecar: JSON.parse(
        await readFile(path.join(folder, name.replace(/\.txt$/, ".json")), "utf8"),
      ) as FixtureSidecar,
    })),
  );
}

const all = [...(await pairs("query-session")), ...(await pairs("query-user"))];
const synthetic = all.filter((pair) => pair.sidecar.synthetic !== undefined);
const copies = all.filter(
  (pair) => pair.sidecar.transcoded === undefined && pair.sidecar.synthetic === undefined,
);
const transcoded = all.filter((pair) => pair.sidecar.transcoded !== undefined);
/** Listings recorded outside the reference folder: their sidecar's `found` block says where. */
const found = all.filter((pair) => pair.sidecar.found !== undefined);
/** Everything taken from (or built on) the reference folder, which INDEX.md lists. */
const fromReference = all.filter((pair) => pair.sidecar.found === undefined);
const referenceCopies = copies.filter((pair) => pair.sidecar.found === undefined);
const sha256 = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex");

describe("copied fixtures keep the reference bytes", () => {
  it.each(copies)("$name has the recorded SHA-256 and name", async ({ name, folder, sidecar }) => {
    expect(name).toBe(sidecar.source.reference);
    expect(sha256(await readFile(path.join(folder, name)))).toBe(sidecar.source.sha256);
  });
  it.skipIf(!haveReference).each(referenceCopies)(
    "$name equals its reference file byte for byte",
    async ({ name, folder, sidecar }) => {
      const reference = await readFile(path.join(referenceDir, sidecar.source.reference));
      expect((await readFile(path.join(folder, name))).equals(reference)).toBe(true);
    },
  );
  it.skipIf(!haveReference).each(fromReference)(
    "$name cites a source listed in INDEX.md",
    async ({ sidecar }) => {
      const index = await readFile(path.join(referenceDir, "INDEX.md"), "utf8");
      expect(index).toContain(`| ${sidecar.source.reference} |`);
      expect(index).toContain(sidecar.source.origin);
    },
  );
  it.each(copies.filter((pair) => pair.sidecar.source.trust === "medium"))(
    "$name says why a medium-trust sample is used",
    ({ sidecar }) => {
      expect(sidecar.source.why ?? "").not.toBe("");
    },
  );
});

describe("transcoded fixtures are their source in the console code page", () => {
  it.each(transcoded)("$name", async ({ name, folder, sidecar }) => {
    const { from, codePage } = sidecar.transcoded ?? { from: "", codePage: "cp850" };
    expect(name).toBe(from.replace(/\.txt$/, `-${codePage}.txt`));
    const source = await readFile(path.join(folder, from));
    expect(sha256(source)).toBe(sidecar.source.sha256);
    const unicode = decodeUtf8(source.toString("latin1")) ?? "";
    const bytes = (await readFile(path.join(folder, name))).toString("latin1");
    expect(bytes).toBe(encodeOem(unicode, codePage));
  });
});

describe("every non-ASCII UTF-8 listing has its code-page variant", () => {
  const nonAscii = copies.filter(
    ({ sidecar }) => sidecar.truth.kind === "listing" && sidecar.truth.encoding === "utf-8",
  );
  it.each(nonAscii)("$name", ({ name }) => {
    expect(transcoded.map((pair) => pair.sidecar.transcoded?.from)).toContain(name);
  });
});

describe("synthetic fixtures say what is recorded and what is invented", () => {
  it.each(synthetic)(
    "$name has its recorded SHA-256 and trust",
    async ({ name, folder, sidecar }) => {
      expect(sidecar.source.trust).toBe("synthetic");
      // qwinsta-hostile-*: listings that are not what query session prints (scripts fail closed).
      expect(name).toMatch(/synthetic|hostile/);
      expect(sha256(await readFile(path.join(folder, name)))).toBe(sidecar.synthetic?.sha256);
      expect(sidecar.synthetic?.invented ?? "").not.toBe("");
      const rows = sidecar.truth.kind === "listing" ? sidecar.truth.sessions.length : 0;
      // A header-only listing (qwinsta-hostile-header-only) has no state word to cite.
      if (rows > 0) {
        expect(Object.keys(sidecar.synthetic?.stateWords ?? {}).length).toBeGreaterThan(0);
      }
    },
  );
  it.skipIf(!haveReference).each(
    synthetic.filter(
      ({ sidecar }) =>
        sidecar.truth.kind === "listing" &&
        sidecar.truth.layout === "narrow" &&
        // qwinsta-hostile-dutch-header keeps the grid of its reference, not its titles.
        !(sidecar.synthetic?.header ?? "").includes("titles are invented"),
    ),
  )(
    "$name has the header of its reference, in the console code page",
    async ({ name, folder, sidecar }) => {
      const reference = await readFile(path.join(referenceDir, sidecar.source.reference), "latin1");
      const header = (decodeUtf8(reference) ?? reference).split(/\r?\n/)[0] ?? "";
      const encoding = sidecar.truth.kind === "listing" ? sidecar.truth.encoding : "ascii";
      const bytes = (await readFile(path.join(folder, name))).toString("latin1");
      const want =
        encoding === "cp850" || encoding === "cp866" ? encodeOem(header, encoding) : header;
      // Split at CR too: qwinsta-hostile-cr-line-ends ends its lines in CR alone.
      const first = bytes.split(/\r\n|\r/)[0] ?? "";
      // A header altered on purpose (a byte order mark before it, shifted, UTF-16LE) still
      // holds the reference's header, once the UTF-16 NULs are dropped.
      if ((sidecar.synthetic?.header ?? "").includes("altered on purpose")) {
        expect(first.replaceAll("\0", "")).toContain(want);
      } else {
        expect(first).toBe(want);
      }
    },
  );
});

// The reference folder is read-only, so a listing found later is not in it: for these the
// INDEX.md and byte-for-byte checks are replaced by the recorded SHA-256 and a stated origin.
describe("fixtures recorded outside the reference folder state where they were found", () => {
  it.each(found)("$name has its recorded SHA-256 and origin", async ({ name, folder, sidecar }) => {
    const { found: where, source, transcoded: variant } = sidecar;
    expect(where?.sha256).toBe(source.sha256);
    expect(source.trust).not.toBe("synthetic");
    for (const text of [source.origin, where?.where, where?.repository, where?.kept]) {
      expect(text ?? "").not.toBe("");
    }
    const copy = variant === undefined ? name : variant.from;
    expect(copy).toBe(source.reference);
    expect(sha256(await readFile(path.join(folder, copy)))).toBe(source.sha256);
  });
  it.skipIf(!haveReference).each(found)(
    "$name is not in the reference folder (else it must be copied from there)",
    async ({ sidecar }) => {
      expect(existsSync(path.join(referenceDir, sidecar.source.reference))).toBe(false);
      const index = await readFile(path.join(referenceDir, "INDEX.md"), "utf8");
      expect(index).not.toContain(`| ${sidecar.source.reference} |`);
    },
  );
  it.each(found.filter((pair) => pair.sidecar.transcoded !== undefined))(
    "$name has the same origin as the copy it was transcoded from",
    async ({ folder, sidecar }) => {
      const from = sidecar.transcoded?.from ?? "";
      const copy = JSON.parse(
        await readFile(path.join(folder, from.replace(/\.txt$/, ".json")), "utf8"),
      ) as FixtureSidecar;
      expect({ source: sidecar.source, found: sidecar.found }).toEqual({
        source: copy.source,
        found: copy.found,
      });
    },
  );
});

describe("fixture folders hold only pairs", () => {
  it.each(["query-session", "query-user"])("%s", async (kind) => {
    const names = await readdir(path.join(fixturesDir, kind));
    const stems = (ext: string): string[] =>
      names.filter((name) => name.endsWith(ext)).map((name) => name.slice(0, -ext.length));
    expect(stems(".json")).toEqual(stems(".txt"));
    expect(names.length).toBe(2 * stems(".txt").length);
  });
});
