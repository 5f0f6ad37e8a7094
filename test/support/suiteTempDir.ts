/**
 * Vitest global setup: the test files' temp folders (os.tmpdir()) live in one folder of this
 * run's, removed after it, so a run leaves nothing in /tmp; a test that is stopped halfway
 * leaves nothing either. Folders left over run after run crowd /tmp, and that costs the pwsh
 * oracle: pwsh reads every folder above a location it goes to, /tmp included (about 5 µs an
 * entry, twice a case).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export default function oneTempFolderPerRun(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), "rdl-suite-"));
  // Workers start after the global setup, with its environment.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
