#!/usr/bin/env node
// `rdlogoff --version` alone answers from package.json before anything else loads (yargs
// would print the same); every other command goes through the CLI.
import { readFileSync } from "node:fs";
import v8 from "node:v8";

// A reader that closes early (`rdlogoff lint ... | head -1`) ends the run quietly.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

const args = process.argv.slice(2);
if (args.length === 1 && args[0] === "--version") {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`${pkg.version}\n`);
} else {
  // The PowerShell grammar's WebAssembly parse function costs ~10 s of CPU in V8's optimizing
  // tier; the flag must be set before any grammar is loaded.
  v8.setFlagsFromString("--liftoff-only");
  // The bundled CLI (scripts/bundle-cli.js): a few files to load instead of ~50 modules.
  const { main } = await import("../dist/bundle/main.js");
  process.exitCode = await main(args);
}
