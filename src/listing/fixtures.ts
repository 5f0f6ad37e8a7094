import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fixturesDir } from "../paths.js";
import type { ProcessResult } from "../simulate/types.js";
import { decodeOem, decodeUtf8 } from "./codePages.js";
import { firstErrorMessage, listFailureOfErrorText } from "./errorText.js";
import type { ListFailure } from "./listFailures.js";
import { listingProcessResult } from "./processResult.js";
import { parseQuerySession } from "./querySession.js";
import { parseQueryUser } from "./queryUser.js";
import type { QuerySessionListing, QueryUserListing, QueryUserRow, SessionRow } from "./types.js";

/** The fixture folders holding recorded tool output, named after the tool. */
export type ListingFixtureKind = "query-session" | "query-user";

/**
 * Where a fixture's bytes come from, copied from the reference INDEX.md, or, for a listing found
 * outside the reference folder (`found` in the sidecar), written in the same form.
 */
export interface FixtureSource {
  /**
   * File name in the reference folder `query-samples/`; for a `found` fixture, the file name
   * of the UTF-8 fixture copied from the source (no reference file exists).
   */
  reference: string;
  /** SHA-256 of the reference file's bytes (of the found UTF-8 copy), so the copy can be checked. */
  sha256: string;
  /** Where the text was published: repository and path or issue, or the code-index id. */
  origin: string;
  command: string;
  locale: string;
  windows: string;
  /** synthetic: written for a case no recording shows, from recorded headers and words. */
  trust: "high" | "medium" | "synthetic";
  transformations: string;
  /** INDEX.md's "edge cases shown" and "whitespace" columns. */
  edgeCases: string;
  whitespace: string;
  /** Why a medium-trust file is used (the case it adds). */
  why?: string;
}

/** For a variant in the bytes the real tool writes: the UTF-8 fixture it was transcoded from. */
export interface FixtureTranscoding {
  from: string;
  codePage: "cp850" | "cp866";
  why: string;
}

/**
 * For a listing written by hand: its own SHA-256 (`source` names the recording its header
 * and state words come from), where each recorded part came from, and what was invented.
 */
export interface FixtureSynthesis {
  sha256: string;
  header: string;
  layout: string;
  /** Each state word the listing uses, and the recordings that show it. */
  stateWords: Record<string, string>;
  invented: string;
}

/**
 * For a listing recorded outside the reference folder (INDEX.md does not list it, the folder
 * cannot be added to): where it was found and what was kept, so its origin is stated in the
 * sidecar itself. Set on the UTF-8 copy and on its code-page variants.
 */
export interface FixtureFinding {
  /** SHA-256 of the UTF-8 copy as taken from the source (equal to `source.sha256`). */
  sha256: string;
  /**
   * Where the text was found: `owner/repo:path` when known; otherwise the code-index id, the
   * file's title or first line, and what it is.
   */
  where: string;
  /** How the repository was looked for, when `where` cannot name it. */
  repository: string;
  /** Which part of the found text the fixture holds, and how it was taken. */
  kept: string;
}

/** The encoding of a fixture's non-ASCII bytes; sidecar strings are Unicode. */
export type FixtureEncoding = "ascii" | "utf-8" | "cp850" | "cp866";

/** A session as the sidecar records it, written by hand from reading the file. */
export interface TruthSession {
  line: number;
  name: string;
  user: string;
  id: number;
  stateWord: string;
  state: string | null;
  current: boolean;
  /** Only when not 0 (see ListingRowBase.columnShift). */
  columnShift?: number;
  /** query session only. */
  type?: string;
  /** query user only. */
  idleText?: string;
  idleMinutes?: number | null;
  logonTime?: string;
}

/** What a fixture is, by hand: a listing (with its sessions) or an error message. */
export type FixtureTruth =
  | {
      kind: "listing";
      /**
       * Set when the bytes are not what a console shows (a paste that lost a column, rows off
       * the grid): a safe script must log off nobody there and exit 2. `formats` limits it to
       * the script formats that cannot read the listing (default: every format).
       */
      failsClosed?: {
        reason: string;
        formats?: string[];
        /**
         * The fault is in the `>` markers only, which `query session /server:` does not print:
         * the listing of another server (the same rows, unmarked) is understood.
         */
        markerOnly?: boolean;
        /**
         * The error of the independent parser, for a hostile listing it refuses too (a header
         * without rows, text after the rows, CR-only line ends): the loader checks that the
         * parser throws it and does not compare `sessions`, which then only record what a
         * reader sees. Without this a failsClosed listing could not be a fixture at all,
         * and the parser, not the scripts, would be the one that fails closed on it.
         */
        parserRejects?: string;
      };
      /**
       * query's exit code with this listing on stdout (default 0); not 0 only with failsClosed:
       * a listing from a query that failed is not trusted.
       */
      exitCode?: number;
      encoding: FixtureEncoding;
      /** query session only. */
      layout?: "narrow" | "wide";
      header: boolean;
      sessions: TruthSession[];
    }
  | {
      kind: "error";
      /** The tool's first error line. */
      message: string;
      /** Why the sessions are unknown, as a safe script must name it (checked against the codes). */
      failure: Exclude<ListFailure, "queryMissing">;
    };

/** The sidecar `<name>.json` next to a fixture `<name>.txt`. */
export interface FixtureSidecar {
  source: FixtureSource;
  transcoded?: FixtureTranscoding;
  synthetic?: FixtureSynthesis;
  /** Only for a listing recorded outside the reference folder. */
  found?: FixtureFinding;
  truth: FixtureTruth;
}

/** A recorded listing, checked against its sidecar, ready to be a simulated tool run. */
export interface ListingFixture {
  path: string;
  /** File name without `.txt`. */
  name: string;
  /** The bytes as a byte string (latin1). */
  text: string;
  truth: FixtureTruth;
  source: FixtureSource;
  transcoded?: FixtureTranscoding;
  /** What the tool run looked like: stdout + exit 0, or stderr + exit 1. */
  result: ProcessResult;
}

/** Thrown when a fixture and its sidecar disagree; the message names the file, line and field. */
export class FixtureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FixtureError";
  }
}

/** Paths of all fixtures of one tool, sorted, from the package's fixture folder. */
export async function listFixtures(kind: ListingFixtureKind): Promise<string[]> {
  const folder = path.join(fixturesDir, kind);
  const names = (await readdir(folder)).filter((name) => name.endsWith(".txt")).sort();
  return names.map((name) => path.join(folder, name));
}

/**
 * Loads a fixture and its sidecar and checks the sidecar's hand-written truth against the
 * independent parser of the tool named by the fixture's folder, so neither can drift silently.
 */
export async function loadListingFixture(fixturePath: string): Promise<ListingFixture> {
  const kind = path.basename(path.dirname(fixturePath));
  if (kind !== "query-session" && kind !== "query-user") {
    throw new FixtureError(`${fixturePath}: not in a query-session or query-user fixture folder`);
  }
  const text = (await readFile(fixturePath)).toString("latin1");
  const sidecarPath = fixturePath.replace(/\.txt$/, ".json");
  const sidecar = JSON.parse(await readFile(sidecarPath, "utf8")) as FixtureSidecar;
  const { truth, source, transcoded } = sidecar;
  let result: ProcessResult;
  if (truth.kind === "listing" && truth.failsClosed?.parserRejects !== undefined) {
    checkRejected(fixturePath, kind, text, truth.failsClosed.parserRejects);
    result = { stdout: text, stderr: "", exitCode: truth.exitCode ?? 0 };
  } else if (truth.kind === "listing") {
    checkListing(fixturePath, kind, text, truth);
    result = { ...listingProcessResult(text), exitCode: truth.exitCode ?? 0 };
  } else {
    // The message is compared as Unicode: the bytes are UTF-8, or a console code page's.
    checkError(fixturePath, text, truth, (bytes) =>
      transcoded ? decodeOem(bytes, transcoded.codePage) : (decodeUtf8(bytes) ?? bytes),
    );
    result = listingProcessResult(text);
  }
  if (truth.kind === "listing" && (truth.exitCode ?? 0) !== 0 && !truth.failsClosed) {
    throw new FixtureError(`${fixturePath}: exit code ${truth.exitCode} without failsClosed`);
  }
  return {
    path: fixturePath,
    name: path.basename(fixturePath, ".txt"),
    text,
    truth,
    source,
    ...(transcoded ? { transcoded } : {}),
    result,
  };
}

/** Checks that the parser refuses a hostile listing, with the error the sidecar names. */
function checkRejected(
  fixturePath: string,
  kind: ListingFixtureKind,
  text: string,
  parserRejects: string,
): void {
  let message: string;
  try {
    parseText(kind, text);
    message = "no error";
  } catch (error) {
    message = error instanceof Error ? error.message : String(error);
  }
  if (!message.includes(parserRejects)) {
    throw new FixtureError(
      `${fixturePath}: field "failsClosed.parserRejects": sidecar says ${JSON.stringify(parserRejects)}, the parser says ${JSON.stringify(message)}`,
    );
  }
}

function checkError(
  fixturePath: string,
  text: string,
  truth: Extract<FixtureTruth, { kind: "error" }>,
  decode: (bytes: string) => string,
): void {
  const found = firstErrorMessage(text);
  const index = found?.line ?? text.split("\n").findIndex((line) => /[^ \r]/.test(line));
  const message = found === undefined ? undefined : decode(found.message);
  if (message !== truth.message) {
    throw new FixtureError(
      `${fixturePath}:${index + 1}: field "message": sidecar says ${JSON.stringify(truth.message)}, the text has ${message === undefined ? "no error message" : JSON.stringify(message)}`,
    );
  }
  const failure = listFailureOfErrorText(text);
  if (failure !== truth.failure) {
    throw new FixtureError(
      `${fixturePath}:${index + 1}: field "failure": sidecar says ${JSON.stringify(truth.failure)}, the text's error codes say ${JSON.stringify(failure)}`,
    );
  }
}

function parseText(
  kind: ListingFixtureKind,
  text: string,
): QuerySessionListing | (QueryUserListing & { layout?: undefined }) {
  return kind === "query-session" ? parseQuerySession(text) : parseQueryUser(text);
}

function parseAs(
  fixturePath: string,
  kind: ListingFixtureKind,
  text: string,
): QuerySessionListing | (QueryUserListing & { layout?: undefined }) {
  try {
    return parseText(kind, text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^line (\d+): /, "$1: ") : "";
    throw new FixtureError(`${fixturePath}:${detail}`);
  }
}

function checkListing(
  fixturePath: string,
  kind: ListingFixtureKind,
  text: string,
  truth: Extract<FixtureTruth, { kind: "listing" }>,
): void {
  const parsed = parseAs(fixturePath, kind, text);
  const mismatch = (line: number, field: string, want: unknown, got: unknown): FixtureError =>
    new FixtureError(
      `${fixturePath}:${line}: field "${field}": sidecar says ${JSON.stringify(want)}, parser read ${JSON.stringify(got)}`,
    );
  if (truth.layout !== parsed.layout) throw mismatch(1, "layout", truth.layout, parsed.layout);
  if (truth.header !== parsed.header) throw mismatch(1, "header", truth.header, parsed.header);
  const count = Math.max(truth.sessions.length, parsed.rows.length);
  for (let i = 0; i < count; i++) {
    const want = truth.sessions[i];
    const row = parsed.rows[i];
    if (want === undefined || row === undefined) {
      throw mismatch(
        (want ?? row)?.line ?? 1,
        "sessions",
        `${truth.sessions.length} sessions`,
        `${parsed.rows.length} rows`,
      );
    }
    const got = truthOf(row, truth.encoding);
    for (const field of new Set([...Object.keys(want), ...Object.keys(got)])) {
      const wantValue = (want as unknown as Record<string, unknown>)[field];
      const gotValue = (got as unknown as Record<string, unknown>)[field];
      if (wantValue !== gotValue) throw mismatch(want.line, field, wantValue, gotValue);
    }
  }
}

/** A parsed row in the sidecar's form: Unicode text, null for no state/idle, shift only if set. */
function truthOf(row: SessionRow | QueryUserRow, encoding: FixtureEncoding): TruthSession {
  const { columnShift, state, ...fields } = row;
  const session: Record<string, unknown> = { state: state ?? null };
  for (const [field, value] of Object.entries(fields)) {
    session[field] = typeof value === "string" ? decodeAs(value, encoding) : value;
  }
  if (columnShift !== 0) session.columnShift = columnShift;
  if ("idleText" in row) session.idleMinutes = row.idleMinutes ?? null;
  return session as unknown as TruthSession;
}

function decodeAs(bytes: string, encoding: FixtureEncoding): string {
  if (encoding === "cp850" || encoding === "cp866") return decodeOem(bytes, encoding);
  if (encoding === "utf-8") return decodeUtf8(bytes) ?? bytes;
  return bytes;
}
