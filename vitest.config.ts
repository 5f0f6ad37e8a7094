import os from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    // The PowerShell grammar's huge WebAssembly parse function makes V8's optimizing tier
    // burn ~10 s of CPU per process; the baseline compiler alone parses our scripts fine.
    execArgv: ["--liftoff-only"],
    // The files a worker runs share its modules: each file no longer imports and compiles the
    // simulators, the grammars and the fixtures again, and the simulators stay warm in the JIT
    // (a quarter less CPU for the suite). Nothing the tests change outlives a file: no module
    // is mocked, and the tests that set environment variables put them back.
    isolate: false,
    // One worker more than CPUs (Vitest's default is one fewer): the oracle files spend much
    // of their time waiting for Wine and pwsh, and the extra worker keeps the CPUs busy then.
    maxWorkers: os.availableParallelism() + 1,
    // One Wine prefix for the run, made by the first file that needs it; then one temp folder
    // for the run's files (after the prefix's folder is named, which has its own teardown).
    globalSetup: ["test/support/wineSetup.ts", "test/support/suiteTempDir.ts"],
    // Files the tests read at run time rather than import: `--changed` cannot trace them to
    // the tests that read them, so a change to one reruns every test.
    forceRerunTriggers: [
      ...configDefaults.forceRerunTriggers,
      "**/templates/**",
      "**/fixtures/**",
      "**/dist-scripts/**",
      "**/schema/**",
      "**/docs/**",
      "**/examples/**",
      "**/README.md",
      "**/test/**/*.{yml,yaml,json,txt,md,bat,ps1,psm1,psd1,c,h}",
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
