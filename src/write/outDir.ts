import path from "node:path";
import fse from "fs-extra";
import type { Artifact } from "../emit/artifact.js";
import { isGeneratedFile } from "../emit/header.js";
import { scriptFormats } from "../targets/formats.js";

/** The script extensions rdlogoff writes; other files in outDir are never looked at. */
const scriptExtensions = new Set(scriptFormats.map((format) => `.${format.format}`));

/** What is in outDir now, by file name: only files with a script format's extension. */
export async function readOutDir(outDir: string): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  if (!(await fse.pathExists(outDir))) return found;
  for (const entry of await fse.readdir(outDir, { withFileTypes: true })) {
    if (!entry.isFile() || !scriptExtensions.has(path.extname(entry.name).toLowerCase())) continue;
    found.set(entry.name, await fse.readFile(path.join(outDir, entry.name)));
  }
  return found;
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

export function diffOutDir(
  artifacts: readonly Artifact[],
  existing: Map<string, Buffer>,
): OutDirChanges {
  const changes: OutDirChanges = { write: [], unchanged: [], remove: [], foreign: [] };
  const wanted = new Set(artifacts.map((a) => a.fileName));
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
    if (!wanted.has(name) && isGeneratedFile(bytes)) changes.remove.push(name);
  }
  changes.remove.sort();
  return changes;
}
