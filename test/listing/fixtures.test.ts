import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  listFixtures,
  loadListingFixture,
  type FixtureSidecar,
  type ListingFixtureKind,
} from "../../src/listing/index.js";
import { fixturesDir } from "../../src/paths.js";

const sessionFixtures = await listFixtures("query-session");
const userFixtures = await listFixtures("query-user");
const named = (paths: string[]): { name: string; file: string }[] =>
  paths.map((file) => ({ name: path.basename(file), file }));

describe("fixture coverage", () => {
  it("has at least 20 query-session listings and the error captures", async () => {
    const kinds = await Promise.all(
      sessionFixtures.map(async (file) => (await loadListingFixture(file)).truth.kind),
    );
    expect(kinds.filter((kind) => kind === "listing").length).toBeGreaterThanOrEqual(20);
    expect(kinds.filter((kind) => kind === "error").length).toBe(5);
  });
});

// Loading a fixture checks every session of its hand-written sidecar against the parser.
describe.each([
  ["query-session", sessionFixtures],
  ["query-user", userFixtures],
] as const)("%s fixtures match their sidecar truth", (_kind, files) => {
  it.each(named(files))("$name", async ({ file }) => {
    const fixture = await loadListingFixture(file);
    const sidecar = JSON.parse(
      await readFile(file.replace(/\.txt$/, ".json"), "utf8"),
    ) as FixtureSidecar;
    expect(fixture.truth).toEqual(sidecar.truth);
    const want =
      sidecar.truth.kind === "listing"
        ? { stdout: fixture.text, stderr: "", exitCode: sidecar.truth.exitCode ?? 0 }
        : { stdout: "", exitCode: 1 };
    expect(fixture.result).toMatchObject(want);
  });
});

describe("listing results of the error captures", () => {
  const cases = [
    {
      file: "query-session/qwinsta-en-error-rpc-unavailable-0x6BA.txt",
      stderr:
        "Error 0x000006BA enumerating sessionnames\r\nError [1722]:The RPC server is unavailable.",
    },
    {
      file: "query-session/qwinsta-en-error-winrm-no-session-exists.txt",
      stderr: "No session exists for *\r\n",
    },
    {
      file: "query-session/qwinsta-en-2003-error-access-denied-opening-terminal-server.txt",
      stderr: "Error opening Terminal server example.com\n\nError [5]:Access is denied.\n",
    },
    { file: "query-user/quser-en-error-no-user-exists.txt", stderr: "No User exists for *\n" },
  ];
  it.each(cases)("$file", async ({ file, stderr }) => {
    const fixture = await loadListingFixture(path.join(fixturesDir, file));
    expect(fixture.result).toEqual({ stdout: "", stderr, exitCode: 1 });
  });
});

/** Writes a fixture pair into a temporary `<kind>` folder and returns the .txt path. */
async function tamperedFixture(
  kind: ListingFixtureKind,
  source: string,
  edit: (sidecar: FixtureSidecar) => void,
): Promise<string> {
  const folder = path.join(await mkdtemp(path.join(tmpdir(), "rdlogoff-listing-")), kind);
  await mkdir(folder);
  const from = path.join(fixturesDir, source);
  const to = path.join(folder, path.basename(from));
  await writeFile(to, await readFile(from));
  const sidecar = JSON.parse(
    await readFile(from.replace(/\.txt$/, ".json"), "utf8"),
  ) as FixtureSidecar;
  edit(sidecar);
  await writeFile(to.replace(/\.txt$/, ".json"), JSON.stringify(sidecar));
  return to;
}

describe("a sidecar that does not match its text", () => {
  const printSpoofer = "query-session/qwinsta-en-win10-printspoofer-rdp-listener.txt";
  const cases: {
    name: string;
    kind: ListingFixtureKind;
    source: string;
    edit: (sidecar: FixtureSidecar) => void;
    want: string;
  }[] = [
    {
      name: "wrong user on line 3",
      kind: "query-session",
      source: printSpoofer,
      edit: (s) => {
        if (s.truth.kind === "listing" && s.truth.sessions[1]) s.truth.sessions[1].user = "admin";
      },
      want: `:3: field "user": sidecar says "admin", parser read "Administrator"`,
    },
    {
      name: "wrong current flag on line 4",
      kind: "query-session",
      source: printSpoofer,
      edit: (s) => {
        if (s.truth.kind === "listing" && s.truth.sessions[2]) s.truth.sessions[2].current = false;
      },
      want: `:4: field "current": sidecar says false, parser read true`,
    },
    {
      name: "wrong layout",
      kind: "query-session",
      source: printSpoofer,
      edit: (s) => {
        if (s.truth.kind === "listing") s.truth.layout = "wide";
      },
      want: `:1: field "layout": sidecar says "wide", parser read "narrow"`,
    },
    {
      name: "a session missing",
      kind: "query-session",
      source: printSpoofer,
      edit: (s) => {
        if (s.truth.kind === "listing") s.truth.sessions.pop();
      },
      want: `:5: field "sessions": sidecar says "3 sessions", parser read "4 rows"`,
    },
    {
      name: "wrong error message",
      kind: "query-user",
      source: "query-user/quser-en-error-no-user-exists.txt",
      edit: (s) => {
        s.truth = { kind: "error", message: "No session exists for *", failure: "notUnderstood" };
      },
      want: `:1: field "message": sidecar says "No session exists for *", the text has "No User exists for *"`,
    },
    {
      name: "a failure the error codes do not show",
      kind: "query-session",
      source: "query-session/qwinsta-en-error-rpc-unavailable-0x6BA.txt",
      edit: (s) => {
        if (s.truth.kind === "error") s.truth.failure = "accessDenied";
      },
      want: `:1: field "failure": sidecar says "accessDenied", the text's error codes say "rpcUnavailable"`,
    },
    {
      name: "an exit code on a listing that is not failsClosed",
      kind: "query-session",
      source: printSpoofer,
      edit: (s) => {
        if (s.truth.kind === "listing") s.truth.exitCode = 1;
      },
      want: ": exit code 1 without failsClosed",
    },
    {
      name: "a hostile listing the parser rejects, without parserRejects",
      kind: "query-session",
      source: "query-session/qwinsta-hostile-header-only.txt",
      edit: (s) => {
        if (s.truth.kind === "listing") delete s.truth.failsClosed?.parserRejects;
      },
      want: ":1: a query session header without any session row",
    },
    {
      name: "a parserRejects the parser does not say",
      kind: "query-session",
      source: "query-session/qwinsta-hostile-header-only.txt",
      edit: (s) => {
        if (s.truth.kind === "listing" && s.truth.failsClosed) {
          s.truth.failsClosed.parserRejects = "no such error";
        }
      },
      want: ': field "failsClosed.parserRejects": sidecar says "no such error", the parser says "line 1: a query session header without any session row"',
    },
    {
      name: "quser output in the query-session folder",
      kind: "query-session",
      source: "query-user/quser-en-2022-disc-blank-sessionname.txt",
      edit: () => undefined,
      want: ":1: unknown header layout: USERNAME at column 23, ID ending at 43 (43 is where query user puts it), STATE at 46; query session prints 19/45/48 (narrow) or 27/53/56 (wide)",
    },
  ];
  it.each(cases)("$name", async ({ kind, source, edit, want }) => {
    const file = await tamperedFixture(kind, source, edit);
    await expect(loadListingFixture(file)).rejects.toThrow(file + want);
  });
});

describe("listFixtures", () => {
  it.each(["query-session", "query-user"] as const)("%s lists every .txt, sorted", async (kind) => {
    const names = (await readdir(path.join(fixturesDir, kind)))
      .filter((name) => name.endsWith(".txt"))
      .sort();
    expect((await listFixtures(kind)).map((file) => path.basename(file))).toEqual(names);
  });
});
