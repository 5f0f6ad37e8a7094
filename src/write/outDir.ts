import path from "node:path";
import { lstat, readdir, readFile } from "node:fs/promises";
import type { Artifact } from "../emit/artifact.js";
import { taskInstallerName } from "../emit/task.js";
import { identityOf, isOurs, isOutputName, optionsFilesOf } from "./identity.js";

/** A file build writes: a script, a task file or install-tasks.cmd. */
export type OutputFile = Pick<Artifact, "fileName" | "bytes">;

/** outDir cannot be written: it is a file, or a script's name is taken by a folder or link. */
export class OutDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutDirError";
  }
}

/** What is in outDir now: the files build may write, by name, and what holds such a name but is no file. */
export interface OutDirContents {
  files: Map<string, Buffer>;
  /** Folders, symbolic links and other entries with such a name. */
  others: Map<string, "folder" | "symbolic link" | "special file">;
}

/**
 * What is in outDir now; only entries with a name build may write (a script format's
 * extension, `.task.xml`, install-tasks.cmd), links never followed; other files are never
 * looked at.
 */
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
    if (!isOutputName(entry.name)) continue;
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
  write: OutputFile[];
  unchanged: OutputFile[];
  /** Files rdlogoff generated for targets that no longer exist. */
  remove: string[];
  /** Files with an artifact's name that rdlogoff did not generate. */
  foreign: string[];
  /**
   * An install-tasks.cmd that another options file generated: two options files with
   * scheduled tasks cannot share an outDir, as each writes one.
   */
  otherOptions: { fileName: string; from: string }[];
}

/**
 * The changes that make outDir hold the artifacts. A file rdlogoff generated for a target
 * that is gone is removed only when it names the same options file as the artifacts do:
 * another options file's scripts in a shared folder are not ours to remove.
 */
export function diffOutDir(
  artifacts: readonly OutputFile[],
  existing: Map<string, Buffer>,
): OutDirChanges {
  const changes: OutDirChanges = {
    write: [],
    unchanged: [],
    remove: [],
    foreign: [],
    otherOptions: [],
  };
  const wanted = new Set(artifacts.map((a) => a.fileName));
  const ours = optionsFilesOf(artifacts);
  for (const artifact of artifacts) {
    const current = existing.get(artifact.fileName);
    if (current === undefined) changes.write.push(artifact);
    else if (current.equals(artifact.bytes)) changes.unchanged.push(artifact);
    else {
      const identity = identityOf(current);
      if (!identity.generated) changes.foreign.push(artifact.fileName);
      else if (
        artifact.fileName === taskInstallerName &&
        identity.from !== undefined &&
        !isOurs(identity, ours)
      ) {
        changes.otherOptions.push({ fileName: artifact.fileName, from: identity.from });
      }
      changes.write.push(artifact);
    }
  }
  for (const [name, bytes] of existing) {
    if (!wanted.has(name) && isOurs(identityOf(bytes), ours)) changes.remove.push(name);
  }
  changes.remove.sort();
  return changes;
}
