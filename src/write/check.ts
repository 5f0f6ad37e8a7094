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

/** Unified diffs by file, from what is on disk to what build would write. */
async function unifiedDiffs(
  files: readonly { fileName: string; current: Buffer | undefined; wanted: Buffer | undefined }[],
): Promise<string[]> {
  if (files.length === 0) return [];
  // Loaded only when something differs: an up-to-date check shows no diff.
  const { createTwoFilesPatch } = await import("diff");
  return files.map(({ fileName, current, wanted }) =>
    createTwoFilesPatch(
      `a/${fileName}`,
      `b/${fileName}`,
      diffText(current),
      diffText(wanted),
      "on disk",
      "rdlogoff build",
    ),
  );
}

/** Compares outDir with the artifacts; an empty list means outDir is up to date. */
export async function checkOutDir(
  outDir: string,
  artifacts: readonly OutputFile[],
): Promise<CheckEntry[]> {
  const existing = (await readOutDir(outDir)).files;
  const ours = optionsFilesOf(artifacts);
  const differing: {
    fileName: string;
    status: CheckStatus;
    current: Buffer | undefined;
    wanted: Buffer | undefined;
  }[] = [];
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
    differing.push({ fileName: artifact.fileName, status, current, wanted: artifact.bytes });
  }
  for (const [name, bytes] of existing) {
    // Another options file's scripts in a shared folder are not orphans of this one.
    if (wanted.has(name) || !isOurs(identityOf(bytes), ours)) continue;
    differing.push({ fileName: name, status: "orphaned", current: bytes, wanted: undefined });
  }
  const diffs = await unifiedDiffs(differing);
  const entries = differing.map(({ fileName, status }, i): CheckEntry => ({
    fileName,
    status,
    diff: diffs[i] ?? "",
  }));
  return entries.sort((a, b) => (a.fileName < b.fileName ? -1 : 1));
}
