/**
 * Vitest global setup: one Wine prefix for the whole run instead of one per test file. It only
 * names a folder; the first test file that needs Wine creates the prefix and the stand-ins
 * there (wineRunner.js, `prepareWine`), so a run without Wine tests pays nothing. The folder is
 * removed after the run.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { disposeSharedWine, sharedWineVariable } from "../oracle/wineRunner.js";

export default function shareOneWinePrefix(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), "rdl-wine-shared-"));
  process.env[sharedWineVariable] = root;
  return () => disposeSharedWine(root);
}
