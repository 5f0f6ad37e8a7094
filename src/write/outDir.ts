import path from "node:path";
import { lstat, readdir, readFile } from "node:fs/promises";
import type { Artifact } from "../emit/artifact.js";
import { generatedFrom, isGeneratedFile } from "../emit/header.js";
import { scriptFormats } from "../targets/formats.js";

/** The script extensions rdlogoff writes; other files in outDir are never looked at. */
const scriptExtensions = new Set(scriptFormats.map((format) => `.${format.format}`));

/** outDir cannot be written: it is a file, or a script's name is taken by a folder or link. */
export class OutDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutDirError";
  }
}

/** What is in outDir now: the script files by name, and what holds a script's name but is no file. */
export interface OutDirContents {
  files: Map<string, Buffer>;
  /** Folders, symbolic links and other entries with a script format's extension. */
  others: Map<string, "folder" | "symbolic link" | "special file">;
}

/** What is in outDir now; only entries with a script format's extension, links never followed. */
export async function readOutDir(outDir: string): Promise<OutDirContents> {
  const contents: OutDirContents = { files: new Map(), others: new Map() };
  let stat;
  try {
    stat = await lstat(outDir);
  } catch {
    return contents;
  }
  if (!stat.isDirectory()) {
    throw new OutDirError(
      `outDir ${outDir} is not a folder (it is a file or a link); move it away`,
    );
  }
  for (const entry of await readdir(outDir, { withFileTypes: true })) {
    if (!scriptExtensions.has(path.extname(entry.name).toLowerCase())) continue;
    if (entry.isFile())
      contents.files.set(entry.name, await readFile(path.join(outDir, entry.name)));
    else if (entry.isDirectory()) contents.others.set(entry.name, "folder");
    else if (entry.isSymbolicLink()) contents.others.set(entry.name, "symbolic link");
    else contents.others.set(entry.name, "special file");
  }
  return contents;
}

/** How outDir must change to hold exactly the artifacts. */
export interface OutDirChanges {
  /** New or different artifacts. */
  write: Artifact[];
  unchanged: Artifact[];
  /** Files rdlogoff generated for targets that no longer exist. */
  remove: string[];
  /** Files with an artifact's name that rdlogoff did not generate. */
  foreign: string[];
}

/**
 * The changes that make outDir hold the artifacts. A file rdlogoff generated for a target
 * that is gone is removed only when it names the same options file as the artifacts do:
 * another options file's scripts in a shared folder are not ours to remove.
 */
export function diffOutDir(
  artifacts: readonly Artifact[],
  existing: Map<string, Buffer>,
): OutDirChanges {
  const changes: OutDirChanges = { write: [], unchanged: [], remove: [], foreign: [] };
  const wanted = new Set(artifacts.map((a) => a.fileName));
  const ours = new Set(artifacts.map((a) => generatedFrom(a.bytes)));
  for (const artifact of artifacts) {
    const current = existing.get(artifact.fileName);
    if (current === undefined) changes.write.push(artifact);
    else if (current.equals(artifact.bytes)) changes.unchanged.push(artifact);
    else {
      if (!isGeneratedFile(current)) changes.foreign.push(artifact.fileName);
      changes.write.push(artifact);
    }
  }
  for (const [name, bytes] of existing) {
    if (!wanted.has(name) && ours.has(generatedFrom(bytes))) changes.remove.push(name);
  }
  changes.remove.sort();
  return changes;
}
