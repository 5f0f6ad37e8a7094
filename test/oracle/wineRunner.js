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
 * Speed: one Wine cmd.exe runs many cases in turn (see `driverScript`): starting a Wine process
 * costs about as much as a whole small case.
 *
 * Reliability: Wine now and then drops a process start under load. The differential test runs
 * a disagreeing case again and calls a difference real only when both Wine runs agree (see
 * `runManyUnderWineAgreeing` in wine.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  buildStandins,
  simulatedComputerName,
  simulatedDnsDomain,
  runProcess as run,
  writeStandinFixtures as writeFixtures,
} from "./standinWorld.js";

/** Wine's 64-bit loader as Debian installs it. */
export const wineBinary = "/usr/lib/wine/wine64";
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

/** Where wineserver lives beside the loader. */
const wineserverBinary = path.join(path.dirname(wineBinary), "wineserver");

/**
 * The environment variable naming a folder that many processes share for one prefix and one
 * set of stand-ins (the test suite's global setup, test/support/wineSetup.ts, sets it), so that
 * each test file does not pay for its own prefix (5 to 10 s of CPU).
 */
export const sharedWineVariable = "RDL_WINE_SHARED_ROOT";

/** How long a process waits for another to finish the shared prefix. */
const sharedWaitMs = 300_000;

/**
 * Builds the stand-ins and creates the Wine prefix, once per process (the first prefix run
 * takes about 10 s). Everything lives in one temp dir; `disposeWine` removes it. Under
 * `RDL_WINE_SHARED_ROOT` the first process to ask creates them in that folder and the others
 * wait for it; `disposeSharedWine` removes them.
 * @returns {Promise<WineSetup>}
 */
export function prepareWine() {
  setupOnce ??= (async () => {
    const shared = process.env[sharedWineVariable];
    if (shared !== undefined) return prepareSharedWine(shared);
    const root = mkdtempSync(path.join(os.tmpdir(), "rdl-wine-"));
    setupRoot = root;
    process.on("exit", disposeWine);
    return createWine(root);
  })();
  return setupOnce;
}

/**
 * @param {string} root
 * @returns {Promise<WineSetup>}
 */
async function createWine(root) {
  const binDir = path.join(root, "bin");
  const prefix = path.join(root, "prefix");
  mkdirSync(binDir);
  mkdirSync(path.join(root, "runs"));
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
    ["reg", "add", tcpipParameters, "/v", "Domain", "/t", "REG_SZ", "/d", simulatedDnsDomain, "/f"],
    { env: wineEnvironment(prefix, binDir, {}) },
  );
  if (domain.exitCode !== 0) {
    throw new Error(`setting the DNS domain failed:\n${domain.stderr.toString("latin1")}`);
  }
  return { root, binDir, prefix };
}

/**
 * The shared prefix: a `lock` folder (mkdir either creates it or fails) elects the process that
 * creates it; it writes `ready`, or `failed` with the reason, and the others wait for either.
 * @param {string} root
 * @returns {Promise<WineSetup>}
 */
async function prepareSharedWine(root) {
  const ready = path.join(root, "ready");
  const failed = path.join(root, "failed");
  let creator = true;
  try {
    mkdirSync(path.join(root, "lock"));
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
    creator = false;
  }
  if (creator) {
    try {
      const setup = await createWine(root);
      writeFileSync(ready, "");
      return setup;
    } catch (error) {
      writeFileSync(failed, String(error));
      throw error;
    }
  }
  const deadline = Date.now() + sharedWaitMs;
  while (!existsSync(ready)) {
    if (existsSync(failed)) throw new Error(readFileSync(failed, "utf8"));
    if (Date.now() > deadline) throw new Error(`no shared Wine prefix in ${root} after 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { root, binDir: path.join(root, "bin"), prefix: path.join(root, "prefix") };
}

/**
 * Stops the wineserver of the prefix in `root` and removes the prefix (about 700 MB) and the
 * stand-ins. The server must go first: it writes the registry back into the prefix when it
 * shuts down.
 * @param {string} root
 */
function removeWine(root) {
  const options = {
    env: { ...process.env, WINEPREFIX: path.join(root, "prefix") },
    stdio: "ignore",
  };
  if (existsSync(path.join(root, "prefix"))) {
    spawnSync(wineserverBinary, ["-k"], /** @type {const} */ (options));
    spawnSync(wineserverBinary, ["-w"], /** @type {const} */ (options));
  }
  rmSync(root, { recursive: true, force: true });
}

/** Removes this process's own prefix and stand-ins, if it made any (a shared one stays). */
export function disposeWine() {
  const root = setupRoot;
  if (root === undefined) return;
  setupRoot = undefined;
  setupOnce = undefined;
  removeWine(root);
}

/**
 * Removes the shared prefix and stand-ins in `root`, when every process is done with them.
 * @param {string} root
 */
export function disposeSharedWine(root) {
  removeWine(root);
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
 * Arguments the driver can write into its own lines as they are. A batch line expands `%`
 * otherwise than the `/c` command line of `cmd.exe /c script.bat args` (an undefined name
 * becomes empty), and an argument with blanks would need the quotes Wine adds to a command
 * line; plain words read the same either way.
 */
const plainArgument = /^[A-Za-z0-9_.,:=+/\\-]+$/;

/**
 * The driver batch file. For each case it points the stand-ins at the case's fixtures and call
 * log, changes to the case's folder and calls the case's label, stdout and stderr into the
 * case's files, then writes the errorlevel the script left. The label starts `script.bat`
 * without `call`, and so runs the case as `cmd /c script.bat` would:
 * - started without `call`, the script takes the place of the label, so when it ends cmd.exe
 *   returns from the label with the script's errorlevel (Wine's `call script.bat` turns any
 *   nonzero errorlevel into 1);
 * - the label's `setlocal` ends when the label returns, which undoes what a script without its
 *   own `setlocal` leaves behind (variables, delayed expansion);
 * - the errorlevel starts at 0 (`call :rdl_zero_N`) and echo is on, as in a new cmd.exe;
 * - %0 is `script.bat` and %~dp0 the case's folder; the arguments end the line, so %* holds
 *   no trailing blank.
 * Each case's labels follow its own lines: cmd.exe looks for a label from the current line
 * on, so a label at the end of a long driver would cost a read of the whole file per case.
 * Redirections follow the command: Wine 8 reads `2>x call ...` as a command named `2`.
 * Every driver line starts with `@` so that no driver command is echoed into a case's output.
 * A script that ends with `exit` without /b ends the driver too: the cases after it then count
 * as not run. The scripts under test use `exit /b` only.
 * @param {{ work: string, log: string, fixtures: string, stdout: string, stderr: string, exit: string, args: string[] }[]} cases
 * @returns {string}
 */
function driverScript(cases) {
  // Wine sets COMPUTERNAME from the Linux host name whatever the environment says: the driver
  // names the simulated host, as a Windows host named RDSH01 would have it.
  const lines = ["@echo off", `@set "COMPUTERNAME=${simulatedComputerName}"`];
  cases.forEach((c, n) => {
    lines.push(
      `@cd /d "${windowsPath(c.work)}"`,
      `@set "RDL_ORACLE_LOG=${windowsPath(c.log)}"`,
      `@set "RDL_ORACLE_FIXTURES=${windowsPath(c.fixtures)}"`,
      `@call :rdl_case_${n} >"${windowsPath(c.stdout)}" 2>"${windowsPath(c.stderr)}"`,
      `@>"${windowsPath(c.exit)}" echo %errorlevel%`,
      `@goto :rdl_done_${n}`,
      `:rdl_case_${n}`,
      "@setlocal",
      `@call :rdl_zero_${n}`,
      "@echo on",
      ["@script.bat", ...c.args].join(" "),
      `:rdl_zero_${n}`,
      "@exit /b 0",
      `:rdl_done_${n}`,
    );
  });
  return lines.map((line) => `${line}\r\n`).join("");
}

/**
 * Runs many batch scripts in one Wine cmd.exe, one after the other (see `driverScript`), each
 * in a fresh directory with the stand-ins on the path answering from its own world. Scripts
 * are written byte for byte as given (callers pass CRLF text). Returns, per case in order, the
 * call log lines, stdout and stderr as byte strings, and the exit code (-1 when the driver
 * never finished the case).
 * @param {import("./wineRunner.js").WineCase[]} cases
 * @returns {Promise<import("./wineRunner.js").WineRun[]>}
 */
export async function runManyUnderWine(cases) {
  if (cases.length === 0) return [];
  const { root, binDir, prefix } = await prepareWine();
  // A temp name: processes that share the prefix share the runs folder too.
  const batch = mkdtempSync(path.join(root, "runs", "batch-"));
  const prepared = cases.map((c, n) => {
    const args = c.args ?? [];
    const unsafe = args.find((arg) => !plainArgument.test(arg));
    if (unsafe !== undefined) {
      throw new Error(`the Wine driver cannot pass the argument ${JSON.stringify(unsafe)}`);
    }
    const dir = path.join(batch, String(n));
    const paths = {
      work: path.join(dir, "work"),
      fixtures: path.join(dir, "fixtures"),
      log: path.join(dir, "calls.log"),
      stdout: path.join(dir, "stdout"),
      stderr: path.join(dir, "stderr"),
      exit: path.join(dir, "exit"),
      args,
    };
    mkdirSync(paths.fixtures, { recursive: true });
    mkdirSync(paths.work);
    // The folders the world has (a log's), on the prefix's drive C: as on the simulated host.
    for (const folder of c.world.folders ?? []) {
      const drive = /^C:\\(.*)$/i.exec(folder);
      if (!drive) throw new Error(`the Wine driver makes folders on drive C: only, not ${folder}`);
      mkdirSync(path.join(prefix, "drive_c", ...drive[1].split("\\")), { recursive: true });
    }
    writeFixtures(paths.fixtures, c.world);
    writeFileSync(path.join(paths.work, "script.bat"), Buffer.from(c.script, "latin1"));
    writeFileSync(paths.log, "");
    return paths;
  });
  writeFileSync(path.join(batch, "driver.bat"), driverScript(prepared));
  try {
    await run(wineBinary, ["cmd.exe", "/c", "driver.bat"], {
      cwd: batch,
      env: wineEnvironment(prefix, binDir, {}),
      timeoutMs: 60_000 + cases.length * 5_000,
    });
    return prepared.map((c) => {
      const calls = readFileSync(c.log, "latin1").split("\n");
      calls.pop();
      const exit = existsSync(c.exit) ? readFileSync(c.exit, "latin1").trim() : "";
      return {
        calls,
        stdout: existsSync(c.stdout) ? readFileSync(c.stdout, "latin1") : "",
        stderr: existsSync(c.stderr) ? readFileSync(c.stderr, "latin1") : "",
        exitCode: /^-?\d+$/.test(exit) ? Number(exit) : -1,
      };
    });
  } finally {
    rmSync(batch, { recursive: true, force: true });
  }
}

/**
 * Runs one batch script under Wine (`runManyUnderWine` with a single case).
 * @param {string} script
 * @param {import("./wineRunner.js").SessionWorldConfig} world
 * @param {{ args?: string[] }} [options]
 * @returns {Promise<import("./wineRunner.js").WineRun>}
 */
export async function runUnderWine(script, world, options = {}) {
  const [result] = await runManyUnderWine([{ script, world, args: options.args }]);
  if (result === undefined) throw new Error("the Wine driver returned no run");
  return result;
}
