// @ts-check
/**
 * Runs batch scripts under Wine's cmd.exe with stand-in Remote Desktop tools, for the
 * differential test (test/oracle/wine.ts) and the benchmark (bench/run.js) alike. Plain ESM
 * JavaScript so the benchmark can import it from Node without a TypeScript step; types are
 * in wineRunner.d.ts.
 *
 * How bytes travel (measured on Wine 8.0, Debian bookworm, any LANG):
 * - A stand-in's stdout redirected to a file (`query session >x`) and `type x` keep the bytes
 *   exactly, so the KB script's own path is byte-exact.
 * - cmd.exe decodes the script in code page 437 and encodes what it prints (echo) in 1252;
 *   `chcp` reports code page 0 because no console is attached. `for /f` reading a file or a
 *   command's output loses bytes 0x80-0x9F ("?"). Only ASCII text survives cmd.exe unchanged,
 *   so the oracle compares stdout and call logs of ASCII worlds only.
 *
 * Reliability: Wine now and then drops a process start under load. Keep each run small; the
 * differential test runs a disagreeing case again and calls a difference real only when both
 * Wine runs agree (see `runUnderWineAgreeing` in wine.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  buildStandins,
  runProcess as run,
  writeStandinFixtures as writeFixtures,
} from "./standinWorld.js";

/** Wine's 64-bit loader as Debian installs it. */
export const wineBinary = "/usr/lib/wine/wine64";
/** The simulated host (src/validate/simulate.ts, src/simulate/world.ts): its name and DNS suffix. */
export const simulatedComputerName = "RDSH01";
export const simulatedDnsDomain = "corp.example.com";
const tcpipParameters = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";

/** The cross compiler that builds the stand-ins. */
export const mingwCompiler = "x86_64-w64-mingw32-gcc";

/**
 * Whether Wine and mingw are installed, with the reason when not.
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function wineAvailable() {
  if (!existsSync(wineBinary)) return { ok: false, reason: `Wine is missing (${wineBinary})` };
  const compiler = spawnSync(mingwCompiler, ["--version"], { stdio: "ignore" });
  if (compiler.error !== undefined || compiler.status !== 0) {
    return { ok: false, reason: `the MinGW compiler is missing (${mingwCompiler})` };
  }
  return { ok: true };
}

/**
 * Windows path of a Unix path, through Wine's Z: drive.
 * @param {string} unixPath
 */
export function windowsPath(unixPath) {
  return "Z:" + unixPath.replace(/\//g, "\\");
}

/**
 * @typedef {{ root: string, binDir: string, prefix: string }} WineSetup
 * @type {Promise<WineSetup> | undefined}
 */
let setupOnce;
/** @type {string | undefined} */
let setupRoot;
let runCounter = 0;

/** Where wineserver lives beside the loader. */
const wineserverBinary = path.join(path.dirname(wineBinary), "wineserver");

/**
 * Builds the stand-ins and creates the Wine prefix, once per process (the first prefix run
 * takes about 10 s). Everything lives in one temp dir; `disposeWine` removes it.
 * @returns {Promise<WineSetup>}
 */
export function prepareWine() {
  setupOnce ??= (async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "rdl-wine-"));
    setupRoot = root;
    process.on("exit", disposeWine);
    const binDir = path.join(root, "bin");
    const prefix = path.join(root, "prefix");
    mkdirSync(binDir);
    await buildStandins(mingwCompiler, ["-O2", "-s", "-Wall", "-Wextra"], binDir);
    const boot = await run(wineBinary, ["cmd.exe", "/c", "exit 0"], {
      env: wineEnvironment(prefix, binDir, {}),
    });
    if (boot.exitCode !== 0) {
      throw new Error(`creating the Wine prefix failed:\n${boot.stderr.toString("latin1")}`);
    }
    // The simulated host's primary DNS suffix, which Wine's own reg.exe (system32 comes before
    // the stand-ins on the path) then reports as Windows' does.
    const domain = await run(
      wineBinary,
      [
        "reg",
        "add",
        tcpipParameters,
        "/v",
        "Domain",
        "/t",
        "REG_SZ",
        "/d",
        simulatedDnsDomain,
        "/f",
      ],
      { env: wineEnvironment(prefix, binDir, {}) },
    );
    if (domain.exitCode !== 0) {
      throw new Error(`setting the DNS domain failed:\n${domain.stderr.toString("latin1")}`);
    }
    return { root, binDir, prefix };
  })();
  return setupOnce;
}

/**
 * Stops this process's wineserver and removes the prefix (about 700 MB) and the stand-ins.
 * The server must go first: it writes the registry back into the prefix when it shuts down.
 */
export function disposeWine() {
  const root = setupRoot;
  if (root === undefined) return;
  setupRoot = undefined;
  setupOnce = undefined;
  const options = {
    env: { ...process.env, WINEPREFIX: path.join(root, "prefix") },
    stdio: "ignore",
  };
  spawnSync(wineserverBinary, ["-k"], /** @type {const} */ (options));
  spawnSync(wineserverBinary, ["-w"], /** @type {const} */ (options));
  rmSync(root, { recursive: true, force: true });
}

/**
 * @param {string} prefix
 * @param {string} binDir
 * @param {Record<string, string>} extra
 * @returns {NodeJS.ProcessEnv}
 */
function wineEnvironment(prefix, binDir, extra) {
  return {
    ...process.env,
    WINEPREFIX: prefix,
    WINEDEBUG: "-all",
    WINEPATH: windowsPath(binDir),
    ...extra,
  };
}

/**
 * Runs `cmd.exe /c script.bat args` under Wine in a fresh directory, with the stand-ins on
 * the path answering from `world`. The script is written byte for byte as given (callers pass
 * CRLF text). Returns the call log lines, stdout and stderr as byte strings, and the exit code.
 * @param {string} script
 * @param {import("./wineRunner.js").SessionWorldConfig} world
 * @param {{ args?: string[] }} [options]
 * @returns {Promise<import("./wineRunner.js").WineRun>}
 */
export async function runUnderWine(script, world, options = {}) {
  const { root, binDir, prefix } = await prepareWine();
  const dir = path.join(root, "runs", String(runCounter++));
  const fixtures = path.join(dir, "fixtures");
  const work = path.join(dir, "work");
  const log = path.join(dir, "calls.log");
  mkdirSync(fixtures, { recursive: true });
  mkdirSync(work);
  writeFixtures(fixtures, world);
  writeFileSync(path.join(work, "script.bat"), Buffer.from(script, "latin1"));
  writeFileSync(log, "");
  try {
    // Wine sets COMPUTERNAME from the Linux host name whatever the environment says, so the
    // command line sets the simulated host's name before the script runs.
    const setName = ["set", `COMPUTERNAME=${simulatedComputerName}&&`];
    const result = await run(
      wineBinary,
      ["cmd.exe", "/c", ...setName, "script.bat", ...(options.args ?? [])],
      {
        cwd: work,
        env: wineEnvironment(prefix, binDir, {
          RDL_ORACLE_LOG: windowsPath(log),
          RDL_ORACLE_FIXTURES: windowsPath(fixtures),
        }),
      },
    );
    const calls = readFileSync(log, "latin1").split("\n");
    calls.pop();
    return {
      calls,
      stdout: result.stdout.toString("latin1"),
      stderr: result.stderr.toString("latin1"),
      exitCode: result.exitCode,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
