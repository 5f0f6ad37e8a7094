// Bundles the CLI into dist/bundle/ (run after tsc and write-validator.js: npm run build).
// Node 20's ES module loader costs most of a millisecond per module, and a command loaded about
// 50 of tsc's one-file-per-module output; the bundle keeps each command's lazily imported parts
// in chunks of their own, so `simulate` of a .bat loads about 20 files. Packages stay imports
// from node_modules (web-tree-sitter finds its .wasm beside itself). dist/ itself stays the
// library that package.json exports. A warning fails the build: rolldown warns of an import it
// cannot resolve or a dynamic import it cannot split off, and either changes what a command loads.
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = path.join(root, "dist", "bundle");
// Chunk names carry a content hash: old chunks must not stay behind to be hashed into the
// validation cache's key (src/validate/cache.ts).
rmSync(dir, { recursive: true, force: true });

const warnings = [];
await build({
  cwd: root,
  input: {
    main: "dist/cli/main.js",
    // Started by src/validate/pool.ts as ./worker.js beside it.
    worker: "dist/validate/worker.js",
    // Imported by src/options/validate.ts as ./schemaValidator.js beside it.
    schemaValidator: "dist/options/schemaValidator.js",
  },
  platform: "node",
  external: (id) => !id.startsWith(".") && !path.isAbsolute(id),
  onLog: (level, log) => {
    if (level === "warn") warnings.push(log.message);
  },
  output: {
    dir,
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "[name]-[hash].js",
  },
});
if (warnings.length > 0) {
  console.error(`scripts/bundle-cli.js:\n${warnings.join("\n")}`);
  process.exit(1);
}
