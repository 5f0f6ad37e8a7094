import { createTwoFilesPatch } from "diff";
import { diffText, identityOf, isOurs, optionsFilesOf } from "./identity.js";
import { readOutDir, type OutputFile } from "./outDir.js";

/**
 * Why a file in outDir is not what build would write:
 * - stale: generated from other options or another rdlogoff version;
 * - hand-edited: its header is the one build would write (same version and options), the body differs;
 * - missing: build would write it and it is not there;
 * - orphaned: generated for a target that no longer exists;
 * - foreign: has a target's name but no rdlogoff header.
 */
export type CheckStatus = "stale" | "hand-edited" | "missing" | "orphaned" | "foreign";

export interface CheckEntry {
  fileName: string;
  status: CheckStatus;
  /** Unified diff from what is on disk to what build would write. */
  diff: string;
}

function unifiedDiff(fileName: string, current: string, wanted: string): string {
  return createTwoFilesPatch(
    `a/${fileName}`,
    `b/${fileName}`,
    current,
    wanted,
    "on disk",
    "rdlogoff build",
  );
}

/** Compares outDir with the artifacts; an empty list means outDir is up to date. */
export async function checkOutDir(
  outDir: string,
  artifacts: readonly OutputFile[],
): Promise<CheckEntry[]> {
  const existing = (await readOutDir(outDir)).files;
  const ours = optionsFilesOf(artifacts);
  const entries: CheckEntry[] = [];
  const wanted = new Set<string>();
  for (const artifact of artifacts) {
    wanted.add(artifact.fileName);
    const current = existing.get(artifact.fileName);
    if (current?.equals(artifact.bytes)) continue;
    let status: CheckStatus;
    const identity = current && identityOf(current);
    if (!identity) status = "missing";
    else if (!identity.generated) status = "foreign";
    else if (identity.header === identityOf(artifact.bytes).header) status = "hand-edited";
    else status = "stale";
    const diff = unifiedDiff(artifact.fileName, diffText(current), diffText(artifact.bytes));
    entries.push({ fileName: artifact.fileName, status, diff });
  }
  for (const [name, bytes] of existing) {
    // Another options file's scripts in a shared folder are not orphans of this one.
    if (wanted.has(name) || !isOurs(identityOf(bytes), ours)) continue;
    entries.push({
      fileName: name,
      status: "orphaned",
      diff: unifiedDiff(name, diffText(bytes), ""),
    });
  }
  return entries.sort((a, b) => (a.fileName < b.fileName ? -1 : 1));
}
