import { execFileSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import {
  behaviourOn,
  compareBehaviour,
  describeChange,
  listingsIn,
  recordedListings,
  type DiffListing,
  type ListingChange,
} from "../../diff/behaviour.js";
import {
  compareTaskFiles,
  isTaskFileName,
  taskFileFields,
  type TaskFieldChange,
} from "../../diff/task.js";
import { renderArtifacts } from "../../emit/index.js";
import { renderTaskFiles } from "../../emit/task.js";
import { parseOptions } from "../../options/load.js";
import { planOptions } from "../../plan/plan.js";
import { scriptExtensions, scriptTargets, targetOfFile } from "../../targets/index.js";
import { ExitCode } from "../exitCodes.js";
import type { CliIo } from "../io.js";
import { reportFailure } from "./common.js";
import { jsonError } from "./jsonError.js";
import type { CommandResult } from "./types.js";

interface DiffArgs {
  old?: string;
  new?: string;
  git?: string;
  dir: string;
  fixtures?: string;
  format: "text" | "markdown" | "json";
  textconv?: string;
}

/** Bad input to diff (exit code 2). */
class DiffInputError extends Error {
  override name = "DiffInputError";
}

/** Scripts by file name: the bytes before and after (undefined: the file is not there). */
type ScriptPairs = Map<string, { before?: string; after?: string }>;

const optionsFile = /\.(ya?ml|json)$/i;

async function readText(cwd: string, file: string): Promise<string> {
  try {
    return (await readFile(path.resolve(cwd, file))).toString("latin1");
  } catch (error) {
    throw new DiffInputError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The scripts and task files an options file compiles to (rendered, not validated), by file name. */
async function scriptsOfOptions(cwd: string, file: string): Promise<Map<string, string>> {
  const text = Buffer.from(await readText(cwd, file), "latin1").toString("utf8");
  const options = parseOptions(text, path.resolve(cwd, file), file);
  const plans = planOptions(options);
  const files = [
    ...renderArtifacts(plans, scriptTargets),
    ...renderTaskFiles(options.targets, plans),
  ];
  return new Map(files.map((a) => [a.fileName, a.bytes.toString("latin1")]));
}

/** Whether diff compares a file of this name: a script or a task file. */
const compared = (file: string): boolean =>
  isTaskFileName(path.basename(file)) || targetOfFile(file) !== undefined;

/** The scripts of `dir` in the working tree and at a git revision. */
async function scriptsAtRevision(cwd: string, dir: string, revision: string): Promise<ScriptPairs> {
  const pairs: ScriptPairs = new Map();
  const git = (args: string[]) =>
    execFileSync("git", args, { cwd, encoding: "latin1", stdio: ["ignore", "pipe", "pipe"] });
  let listed: string;
  try {
    listed = git(["ls-tree", "--name-only", revision, `${dir.replace(/\/$/, "")}/`]);
  } catch (error) {
    throw new DiffInputError(`git cannot list ${dir} at ${revision}: ${(error as Error).message}`);
  }
  for (const file of listed.split("\n").filter(compared)) {
    pairs.set(path.basename(file), { before: git(["show", `${revision}:${file}`]) });
  }
  const here = await readdir(path.resolve(cwd, dir)).catch(() => [] as string[]);
  for (const name of here.filter(compared)) {
    const pair = pairs.get(name) ?? {};
    pair.after = await readText(cwd, path.join(dir, name));
    pairs.set(name, pair);
  }
  return pairs;
}

async function pairsOf(io: CliIo, args: DiffArgs): Promise<ScriptPairs> {
  if (args.git !== undefined) return scriptsAtRevision(io.cwd, args.dir, args.git);
  const [before, after] = [args.old ?? "", args.new ?? ""];
  if (optionsFile.test(before) && optionsFile.test(after)) {
    const [old, now] = await Promise.all([
      scriptsOfOptions(io.cwd, before),
      scriptsOfOptions(io.cwd, after),
    ]);
    const pairs: ScriptPairs = new Map();
    for (const name of new Set([...old.keys(), ...now.keys()])) {
      pairs.set(name, { before: old.get(name), after: now.get(name) });
    }
    return pairs;
  }
  const target = targetOfFile(before);
  if (!target || targetOfFile(after) !== target) {
    throw new DiffInputError(
      `compare two scripts of one kind (${scriptExtensions()}) or two options files`,
    );
  }
  return new Map([
    [
      path.basename(after),
      { before: await readText(io.cwd, before), after: await readText(io.cwd, after) },
    ],
  ]);
}

/** One script's changes, or that it was added or removed; for a task file, what in it changed. */
interface ScriptChange {
  script: string;
  status: "changed" | "added" | "removed";
  listings: ListingChange[];
  task?: TaskFieldChange[];
}

const describeField = (change: TaskFieldChange): string =>
  change.before === "" ? change.after : `${change.before} -> ${change.after}`;

function asText(changes: readonly ScriptChange[]): string {
  if (changes.length === 0) return "no change in behaviour on any listing\n";
  let out = "";
  for (const change of changes) {
    if (change.status !== "changed") {
      out += `${change.script}: ${change.status}\n`;
      continue;
    }
    out += `${change.script}:\n`;
    for (const field of change.task ?? []) out += `  ${field.field}: ${describeField(field)}\n`;
    for (const listing of change.listings) {
      out += `  on ${listing.listing}:\n`;
      if (listing.exitCode) {
        out += `    exit code ${listing.exitCode.before} -> ${listing.exitCode.after}\n`;
      }
      for (const session of listing.sessions)
        out += `    ${session.session}: ${describeChange(session)}\n`;
    }
  }
  return out;
}

/** A table cell: pipes escaped, the text as code when it holds any. */
const markdownCell = (text: string): string =>
  text === "" ? "" : `\`${text.replace(/\|/g, "\\|")}\``;

function asMarkdown(changes: readonly ScriptChange[], listingCount: number): string {
  const changed = changes.flatMap((c) => c.listings).length;
  const tasks = changes.filter((c) => c.task).length;
  const scripts = changes.length - tasks;
  const taskNote = tasks > 0 ? `; ${tasks} task file(s) changed` : "";
  let out = `**rdlogoff diff:** ${scripts === 0 ? "no change in behaviour" : `${scripts} script(s) behave differently`} on ${listingCount} recorded listing(s)${changed > 0 ? ` (${changed} listing run(s) changed)` : ""}${taskNote}.\n`;
  for (const change of changes) {
    out += `\n### \`${change.script}\`${change.status === "changed" ? "" : ` (${change.status})`}\n`;
    if (change.task && change.task.length > 0) {
      out += `\n| ${change.script === "install-tasks.cmd" ? "installer" : "task"} | before | after |\n|---|---|---|\n`;
      for (const field of change.task)
        out += `| ${field.field} | ${markdownCell(field.before)} | ${markdownCell(field.after)} |\n`;
    }
    for (const listing of change.listings) {
      out += `\n${listing.listing}${listing.exitCode ? ` (exit code ${listing.exitCode.before} → ${listing.exitCode.after})` : ""}\n\n| session | change |\n|---|---|\n`;
      for (const session of listing.sessions)
        out += `| ${session.session} | ${describeChange(session)} |\n`;
    }
  }
  return out;
}

/**
 * What one script does on every listing, one line per session and fate, for git's textconv:
 * two versions of a script then differ in git diff by who they log off. A task file gives
 * its schedule, command and time limit instead (git shows a UTF-16 file as binary).
 */
async function behaviourText(
  io: CliIo,
  file: string,
  listings: readonly DiffListing[],
): Promise<string> {
  if (isTaskFileName(path.basename(file))) {
    const bytes = Buffer.from(await readText(io.cwd, file), "latin1");
    const fields = Object.entries(taskFileFields(path.basename(file), bytes));
    return fields.map(([field, value]) => `${field}: ${value}\n`).join("");
  }
  const target = targetOfFile(file);
  if (!target) throw new DiffInputError(`${file}: not a script rdlogoff runs`);
  const script = await readText(io.cwd, file);
  let out = "";
  for (const listing of listings) {
    const behaviour = await behaviourOn(target, script, path.basename(file), listing);
    out += `${listing.name}: exit ${behaviour.exitCode}\n`;
    for (const [session, fates] of [...behaviour.fates].sort(([a], [b]) =>
      a.localeCompare(b, "en", { numeric: true }),
    )) {
      out += `  ${session}: ${[...fates].sort().join(", ")}\n`;
    }
  }
  return out;
}

/** The handler of `rdlogoff diff`, loaded only when the command runs. */
export async function runDiff(io: CliIo, result: CommandResult, argv: unknown): Promise<void> {
  const args = argv as DiffArgs;
  try {
    const listings =
      args.fixtures === undefined
        ? await recordedListings()
        : await listingsIn(path.resolve(io.cwd, args.fixtures));
    if (args.textconv !== undefined) {
      io.stdout(await behaviourText(io, args.textconv, listings));
      return;
    }
    const changes: ScriptChange[] = [];
    for (const [script, { before, after }] of [...(await pairsOf(io, args))].sort()) {
      if (before === after) continue;
      if (before === undefined || after === undefined) {
        changes.push({
          script,
          status: before === undefined ? "added" : "removed",
          listings: [],
          ...(isTaskFileName(script) ? { task: [] } : {}),
        });
        continue;
      }
      if (isTaskFileName(script)) {
        const task = compareTaskFiles(
          script,
          Buffer.from(before, "latin1"),
          Buffer.from(after, "latin1"),
        );
        changes.push({ script, status: "changed", listings: [], task });
        continue;
      }
      const target = targetOfFile(script);
      if (!target) continue;
      const listingChanges: ListingChange[] = [];
      for (const listing of listings) {
        const change = compareBehaviour(
          listing.name,
          await behaviourOn(target, before, script, listing),
          await behaviourOn(target, after, script, listing),
        );
        if (change) listingChanges.push(change);
      }
      if (listingChanges.length > 0)
        changes.push({ script, status: "changed", listings: listingChanges });
    }
    if (args.format === "json") io.stdout(`${JSON.stringify({ changes }, null, 2)}\n`);
    else if (args.format === "markdown") io.stdout(asMarkdown(changes, listings.length));
    else io.stdout(asText(changes));
    result.code = changes.length === 0 ? ExitCode.ok : ExitCode.findings;
  } catch (error) {
    if (error instanceof DiffInputError) {
      if (args.format === "json") io.stdout(jsonError(error.name, error.message));
      else io.stderr(`rdlogoff diff: ${error.message}\n`);
      result.code = ExitCode.badInput;
      return;
    }
    reportFailure(io, result, error, args.format === "json");
  }
}
