#!/usr/bin/env node
// The PowerShell grammar's WebAssembly parse function costs ~10 s of CPU in V8's optimizing
// tier; the flag must be set before any grammar is loaded.
import v8 from "node:v8";
v8.setFlagsFromString("--liftoff-only");
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
