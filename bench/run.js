// Benchmark: the KB Q259436 script on a 600-session `query session` listing, simulated (from
// the tsc build in dist/) and under Wine's cmd.exe with the oracle's stand-ins. Prints figures
// beside their goals; it never fails on them. Run with `npm run bench`.
import { performance } from "node:perf_hooks";
import { simulateBatch } from "../dist/simulate/batch/index.js";
import { createSessionWorld } from "../dist/simulate/world.js";
import {
  disposeWine,
  prepareWine,
  runUnderWine,
  wineAvailable,
} from "../test/oracle/wineRunner.js";

const sessionCount = 600;
const simulatorRuns = 30;
const wineRuns = 3;
const simulatorGoalMs = 50;
const speedupGoal = 50;

/** KB Q259436 as published (skip=1), CRLF. */
const kbScript = [
  "query session >session.txt",
  'for /f "skip=1 tokens=3," %%i in (session.txt) DO logoff %%i',
  "del session.txt",
]
  .map((line) => `${line}\r\n`)
  .join("");

/** A narrow-layout listing (FORMAT-NOTES.md §1): ids end at column 45, states start at 48. */
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

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ids = Array.from({ length: sessionCount }, (_, i) => i + 1);
const world = {
  servers: {
    "": {
      querySession: { stdout: narrowListing(sessionCount), stderr: "", exitCode: 0 },
      sessionIds: ids,
    },
  },
};

const simulatorTimes = [];
let simulatedCalls = 0;
for (let run = 0; run < simulatorRuns; run++) {
  const start = performance.now();
  simulatedCalls = simulateBatch(kbScript, createSessionWorld(world)).calls.length;
  simulatorTimes.push(performance.now() - start);
}
const simulatorMs = median(simulatorTimes);
console.log(`KB script, ${sessionCount} sessions, ${simulatedCalls} calls`);
console.log(
  `simulator: median ${simulatorMs.toFixed(2)} ms over ${simulatorRuns} runs (goal: under ${simulatorGoalMs} ms)`,
);

const wine = wineAvailable();
if (!wine.ok) {
  console.log(`Wine: not measured, ${wine.reason}`);
} else {
  // Building the stand-ins and creating the Wine prefix (~10 s) is setup, not measured.
  await prepareWine();
  const wineTimes = [];
  let wineCalls = 0;
  for (let run = 0; run < wineRuns; run++) {
    const start = performance.now();
    wineCalls = (await runUnderWine(kbScript, world)).calls.length;
    wineTimes.push(performance.now() - start);
  }
  disposeWine();
  const wineMs = median(wineTimes);
  console.log(`Wine: median ${wineMs.toFixed(0)} ms over ${wineRuns} runs, ${wineCalls} calls`);
  console.log(
    `ratio: simulator is ${(wineMs / simulatorMs).toFixed(0)}x faster than Wine (goal: at least ${speedupGoal}x)`,
  );
}
