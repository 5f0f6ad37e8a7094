import path from "node:path";
import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";

/** The file operations writing needs; tests inject failures through it. */
export interface WriteFs {
  writeFile(file: string, bytes: Buffer): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(file: string): Promise<void>;
}

export const realFs: WriteFs = {
  // Exclusive creation: a temp name that exists (a planted link or file) is an error, not a target.
  writeFile: (file, bytes) => writeFile(file, bytes, { flag: "wx" }),
  rename: (from, to) => rename(from, to),
  remove: (file) => rm(file, { recursive: true, force: true }),
};

/**
 * Writes `bytes` to `file` so that a reader sees the old file or the new one, never a part:
 * a temp file in the same folder (same file system, so rename is atomic), then rename.
 */
export async function writeFileAtomic(
  file: string,
  bytes: Buffer,
  fs: WriteFs = realFs,
): Promise<void> {
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.remove(temp).catch(() => undefined);
    throw error;
  }
}
