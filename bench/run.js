// Benchmark (npm run bench): every figure as a ratio to `node -e 0` measured in the same run,
// median of 5 (of a quick command, 5 times ten runs in a row), CPU (user + system, from GNU
// time) and wall clock; then how build time grows with targets and simulation time with
// listing size; then the simulator against Wine. It prints figures beside their goals and
// never fails on them. `--suite` also times `npm test`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { simulateBatch } from "../dist/simulate/batch/index.js";
import { simulatePowerShell } from "../dist/simulate/powershell/index.js";
import { createSessionWorld } from "../dist/simulate/world.js";
import { parseOptions } from "../dist/options/load.js";
import { planOptions } from "../dist/plan/plan.js";
import { renderArtifacts } from "../dist/emit/index.js";
import { scriptTargets } from "../dist/targets/index.js";
import {
  querySessionFixtures,
  runBatchOnFixture,
  runPowerShellOnFixture,
} from "../dist/validate/simulate.js";
import {
  disposeWine,
  prepareWine,
  runUnderWine,
  wineAvailable,
} from "../test/oracle/wineRunner.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "bin", "rdlogoff.js");
const timeBinary = "/usr/bin/time";
const repeats = 5;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * One run of a command: CPU seconds (user + system, as GNU time reports them) and wall seconds.
 * With `loop`, that many runs in a row under one GNU time, and the figures of one run: GNU time
 * counts in hundredths of a second, which is a fifth of `node -e 0`.
 */
function measure(args, { cwd = root, env = {} } = {}, loop = 1) {
  const looped =
    loop === 1
      ? args
      : [
          "sh",
          "-c",
          `i=0; while [ $i -lt ${loop} ]; do "$@" >/dev/null; s=$?; [ $s -gt 1 ] && exit $s; i=$((i+1)); done; exit 0`,
          "sh",
          ...args,
        ];
  const run = spawnSync(timeBinary, ["-f", "%e %U %S", ...looped], {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  const last = run.stderr.trim().split("\n").pop() ?? "";
  const [wall, user, system] = last.split(" ").map(Number);
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`${args.join(" ")} exited ${run.status}:\n${run.stderr}`);
  }
  return { cpu: (user + system) / loop, wall: wall / loop };
}

/**
 * The median of `repeats` runs (each of `loop` runs in a row, see measure); `options` may be a
 * function, called for each run (a new cache).
 */
function medianOf(args, options = {}, loop = 1) {
  const runs = [];
  for (let i = 0; i < repeats; i++) {
    runs.push(measure(args, typeof options === "function" ? options() : options, loop));
  }
  return { cpu: median(runs.map((r) => r.cpu)), wall: median(runs.map((r) => r.wall)) };
}

const ratio = (value, base) => `${(value / base).toFixed(1)}x`;

const haveTime = spawnSync(timeBinary, ["-f", "%e", "true"]).status === 0;
if (!haveTime) {
  console.log(`${timeBinary} (GNU time) is missing: apt-get install -y time`);
  process.exit(0);
}

const cacheRoot = mkdtempSync(path.join(os.tmpdir(), "rdl-bench-"));
let cacheRuns = 0;
const coldCache = () => ({ RDLOGOFF_CACHE_DIR: path.join(cacheRoot, String(cacheRuns++)) });

// Quick commands run ten times in a row per measurement, so that their ratios are not read off
// GNU time's hundredths of a second.
const quickLoop = 10;
const node = medianOf(["node", "-e", "0"], {}, quickLoop);
console.log(
  `node -e 0: ${(node.cpu * 1000).toFixed(1)} ms CPU, ${(node.wall * 1000).toFixed(1)} ms wall (the unit below)`,
);
console.log(`Node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ""}\n`);

// The default options compiled into a scratch outDir, so dist-scripts/ is left alone.
const project = mkdtempSync(path.join(os.tmpdir(), "rdl-bench-project-"));
const defaultOptions = path.join(project, "rdlogoff.config.yml");
writeFileSync(
  defaultOptions,
  spawnSync("cat", [path.join(root, "rdlogoff.config.yml")], { encoding: "utf8" }).stdout,
);
const listing = path.join(
  root,
  "fixtures/query-session/qwinsta-en-win10-printspoofer-rdp-listener.txt",
);

const warmCache = { RDLOGOFF_CACHE_DIR: path.join(cacheRoot, "warm") };
measure(["node", cli, "build", "-q"], { cwd: project, env: warmCache });

const rows = [
  ["rdlogoff --version", ["node", cli, "--version"], {}, 1.5],
  ["build, cold (no cache)", ["node", cli, "build", "-q"], { cwd: project, cold: true }, undefined],
  ["build, warm", ["node", cli, "build", "-q"], { cwd: project, env: warmCache }, 5],
  ["check, cold (no cache)", ["node", cli, "check", "-q"], { cwd: project, cold: true }, undefined],
  ["check, warm", ["node", cli, "check", "-q"], { cwd: project, env: warmCache }, 5],
  [
    "simulate the safe .bat",
    ["node", cli, "simulate", path.join(root, "dist-scripts/logoff-all.bat"), "--fixture", listing],
    {},
    2,
  ],
  [
    "simulate the safe .ps1",
    ["node", cli, "simulate", path.join(root, "dist-scripts/logoff-all.ps1"), "--fixture", listing],
    {},
    3,
  ],
];
console.log("command | CPU | wall | goal (CPU)");
for (const [name, args, options, goal] of rows) {
  const result = options.cold
    ? medianOf(args, () => ({ cwd: options.cwd, env: coldCache() }))
    : medianOf(args, options, quickLoop);
  console.log(
    `${name} | ${ratio(result.cpu, node.cpu)} | ${ratio(result.wall, node.wall)} | ${goal ? `<= ${goal}x` : "-"}`,
  );
}

// Growth with targets: a build from no cache, once per size (distinct targets, both formats).
console.log("\ntargets | build, cold: CPU (wall) | per target | check, warm: CPU");
for (const count of [1, 10, 100, 200]) {
  const dir = path.join(project, `targets-${count}`);
  mkdirSync(dir);
  const targets = Array.from(
    { length: count },
    (_, i) => `  - name: t${i}\n    excludeIds: [${i + 2}]\n    states: [disconnected, active]\n`,
  ).join("");
  writeFileSync(path.join(dir, "rdlogoff.config.yml"), `targets:\n${targets}`);
  const env = coldCache();
  const cold = measure(["node", cli, "build", "-q"], { cwd: dir, env });
  const warm = measure(["node", cli, "check", "-q"], { cwd: dir, env });
  console.log(
    `${count} | ${ratio(cold.cpu, node.cpu)} (${cold.cpu.toFixed(1)} s; wall ${cold.wall.toFixed(1)} s) | ${ratio(cold.cpu / count, node.cpu)} | ${ratio(warm.cpu, node.cpu)}`,
  );
}

// Growth with listings: the KB and the safe batch script simulated in-process.
const kbScript = [
  "query session >session.txt",
  'for /f "skip=1 tokens=3," %%i in (session.txt) DO logoff %%i',
  "del session.txt",
]
  .map((line) => `${line}\r\n`)
  .join("");
const safeScript = spawnSync("cat", [path.join(root, "dist-scripts/logoff-all.bat")], {
  encoding: "latin1",
}).stdout;
const safePowerShell = spawnSync("cat", [path.join(root, "dist-scripts/logoff-all.ps1")], {
  encoding: "latin1",
}).stdout;

function narrowListing(count) {
  const header = " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE";
  const rows = [];
  for (let id = 1; id <= count; id++) {
    const name = id % 5 === 0 ? "" : `rdp-tcp#${id}`;
    const state = id % 5 === 0 ? "Disc" : "Active";
    rows.push(` ${name.padEnd(18)}${`user${id}`.padEnd(21)}${String(id).padStart(6)}  ${state}`);
  }
  return [header, ...rows].map((line) => `${line}\r\n`).join("");
}

const worldOf = (count) => ({
  servers: {
    "": {
      querySession: { stdout: narrowListing(count), stderr: "", exitCode: 0 },
      sessionIds: Array.from({ length: count }, (_, i) => i + 1),
    },
  },
});

/** Median milliseconds of one in-process run: CPU (this process's, GC threads included) and wall. */
async function inProcessMs(run) {
  const cpu = [];
  const wall = [];
  for (let repeat = 0; repeat < 15; repeat++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    await run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { cpu: median(cpu), wall: median(wall) };
}

const batchRun = (script, count) => () => simulateBatch(script, createSessionWorld(worldOf(count)));
// The .ps1 is parsed on the first run only, as validation parses it once for every fixture.
const powerShellRun = (count) => () =>
  simulatePowerShell(safePowerShell, {
    ...worldOf(count),
    computerName: "RDSH01",
    currentSessionId: 0,
    consoleCodePage: 437,
  });

// Milliseconds, as the goal is set, and the ratio to node -e 0, which a slower machine leaves as is.
const msOf = ({ cpu, wall }) =>
  `${cpu.toFixed(2)} ms CPU, ${(cpu / 1000 / node.cpu).toFixed(2)}x (${wall.toFixed(2)} ms wall)`;

console.log(
  "\nsessions | KB .bat in-process | safe .bat in-process | safe .ps1 in-process (goal at 600: under 50 ms)",
);
for (const count of [10, 100, 600]) {
  console.log(
    `${count} | ${msOf(await inProcessMs(batchRun(kbScript, count)))} | ${msOf(await inProcessMs(batchRun(safeScript, count)))} | ${msOf(await inProcessMs(powerShellRun(count)))}`,
  );
}

// One validation run (the script, then the check against the reference) on the 600-session
// fixture: a plain target, and one that warns on three servers (each listed twice), where a
// cost that grows with the square of the sessions shows.
const benchOptions = `targets:
  - name: plain
  - name: warn-three
    servers: [localhost, rdsh02, rdsh03]
    warn: {message: "You will be logged off in 2 minutes", waitSeconds: 120}
`;
const benchPlans = planOptions(parseOptions(benchOptions, "bench.yml", "bench.yml"));
const benchArtifacts = renderArtifacts(benchPlans, scriptTargets);
const sixHundred = (await querySessionFixtures()).find(
  (fixture) => fixture.name === "qwinsta-hostile-600-sessions",
);
console.log(
  "\ntarget on 600 sessions | safe .bat, one validation run | safe .ps1, one validation run",
);
for (const plan of benchPlans) {
  const of = (format) =>
    benchArtifacts.find((a) => a.target === plan.target && a.format === format);
  const bat = await inProcessMs(() => runBatchOnFixture(of("bat"), plan, sixHundred));
  const ps1 = await inProcessMs(() => runPowerShellOnFixture(of("ps1"), plan, sixHundred));
  console.log(`${plan.target} | ${msOf(bat)} | ${msOf(ps1)}`);
}

const wine = wineAvailable();
if (!wine.ok) {
  console.log(`\nWine: not measured, ${wine.reason}`);
} else {
  // Building the stand-ins and creating the Wine prefix (~10 s) is setup, not measured.
  await prepareWine();
  const wineTimes = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    await runUnderWine(kbScript, worldOf(600));
    wineTimes.push(performance.now() - start);
  }
  disposeWine();
  const wineMs = median(wineTimes);
  const simulatorMs = (await inProcessMs(batchRun(kbScript, 600))).wall;
  console.log(
    `\nKB .bat on 600 sessions under Wine: ${ratio(wineMs / 1000, node.wall)} of node -e 0 (wall); the simulator is ${(wineMs / simulatorMs).toFixed(0)}x faster`,
  );
}

if (process.argv.includes("--suite")) {
  const start = performance.now();
  // The goal is for the whole suite: a missing Wine or pwsh fails it rather than skipping.
  const suite = spawnSync("npm", ["test"], {
    cwd: root,
    stdio: "ignore",
    // As CI runs it: every Wine and pwsh case for real, whatever the oracle cache holds.
    env: {
      ...process.env,
      RDLOGOFF_ORACLE_CACHE: "0",
      REQUIRE_WINE: "1",
      REQUIRE_PWSH: "1",
      REQUIRE_XMLLINT: "1",
    },
  });
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `\nnpm test: ${seconds.toFixed(0)} s wall (${ratio(seconds, node.wall)} of node -e 0; goal under 4 min), exit ${suite.status}`,
  );
}

rmSync(project, { recursive: true, force: true });
rmSync(cacheRoot, { recursive: true, force: true });
