// @ts-check
/**
 * Runs .ps1 scripts under real PowerShell (pwsh, pinned to the version below) with stand-in
 * Remote Desktop tools, for the differential tests (test/oracle/pwsh.ts) and the benchmark.
 * Plain ESM JavaScript, as wineRunner.js is; types are in pwshRunner.d.ts.
 *
 * The world the scripts see:
 * - query.exe, qwinsta.exe, quser.exe, logoff.exe, msg.exe...: the Wine oracle's C stand-ins
 *   built as Linux programs, first on PATH. They print a fixture's bytes exactly.
 * - [adsisearcher]: a stand-in class (standins/AdsiSearcher.cs) searching the case's directory.
 * - RemoteDesktop: a stand-in module (standins/RemoteDesktop) on PSModulePath for broker cases
 *   only, serving Get-RDUserSession objects from a JSON fixture.
 * - [Console]::OutputEncoding is the listing's code page, as on a Windows console, so pwsh
 *   decodes native output as Windows PowerShell does.
 * - The session the script runs in and Start-Sleep are stand-ins defined by the driver
 *   (standins/driver.ps1), which runs many cases in one pwsh process.
 * What a script prints to the host (What if: lines, warnings) reaches stdout between markers.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  buildStandins,
  hostOnlyStandinPrograms,
  runProcess,
  standinPrograms,
  standinSources,
  writeStandinFixtures,
} from "./standinWorld.js";

/** The PowerShell release the oracle is pinned to (`dotnet tool install --global PowerShell --version ...`). */
export const pwshVersion = "7.6.9";
/** The simulator's default clock (Get-Date), which broker fixtures' DisconnectTime values are written against. */
const defaultBrokerClock = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));
/** The C compiler that builds the Linux stand-ins. */
export const hostCompiler = "cc";

/** Where `dotnet tool install --global` puts pwsh, unless PWSH names another binary. */
export function pwshBinary() {
  return process.env.PWSH ?? path.join(os.homedir(), ".dotnet", "tools", "pwsh");
}

/** @type {{ version: string, runtime: string } | undefined} */
let installed;

/**
 * The version of the pwsh binary and of the .NET runtime it runs on ("" when it does not run),
 * asked once per process.
 * @returns {{ version: string, runtime: string }}
 */
export function installedPwsh() {
  installed ??= (() => {
    const answer = spawnSync(
      pwshBinary(),
      [
        "-NoProfile",
        "-NonInteractive",
        "-Command",
        "$PSVersionTable.PSVersion.ToString() + ' ' + [Environment]::Version.ToString()",
      ],
      { encoding: "utf8" },
    );
    const [version = "", runtime = ""] =
      answer.status === 0 ? (answer.stdout ?? "").trim().split(" ") : [];
    return { version, runtime };
  })();
  return installed;
}

/**
 * Whether pwsh (the pinned version) and a C compiler are installed, with the reason when not.
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function pwshAvailable() {
  const binary = pwshBinary();
  if (!existsSync(binary)) return { ok: false, reason: `pwsh is missing (${binary})` };
  const found = installedPwsh().version;
  if (found !== pwshVersion) {
    return {
      ok: false,
      reason: `pwsh ${pwshVersion} is required, ${binary} is ${found || "not runnable"}`,
    };
  }
  const compiler = spawnSync(hostCompiler, ["--version"], { stdio: "ignore" });
  if (compiler.error !== undefined || compiler.status !== 0) {
    return { ok: false, reason: `the C compiler is missing (${hostCompiler})` };
  }
  return { ok: true };
}

/**
 * @typedef {{ root: string, binDir: string, modulePath: string }} PwshSetup
 * @type {Promise<PwshSetup> | undefined}
 */
let setupOnce;
/** @type {string | undefined} */
let setupRoot;
let runCounter = 0;
/** Whether disposePwsh runs at exit: registered once, though a process may prepare many times. */
let disposedAtExit = false;

/**
 * Builds the stand-ins (named as the Windows programs, .exe included) once per process.
 * @returns {Promise<PwshSetup>}
 */
export function preparePwsh() {
  setupOnce ??= (async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "rdl-pwsh-"));
    setupRoot = root;
    if (!disposedAtExit) process.on("exit", disposePwsh);
    disposedAtExit = true;
    const binDir = path.join(root, "bin");
    mkdirSync(binDir);
    await buildStandins(hostCompiler, ["-O2", "-Wall", "-Wextra"], binDir, {
      ...standinPrograms,
      ...hostOnlyStandinPrograms,
    });
    const modulePath = path.join(root, "modules");
    cpSync(path.join(standinSources, "RemoteDesktop"), path.join(modulePath, "RemoteDesktop"), {
      recursive: true,
    });
    return { root, binDir, modulePath };
  })();
  return setupOnce;
}

/** Removes the stand-ins and every case folder. */
export function disposePwsh() {
  const root = setupRoot;
  if (root === undefined) return;
  setupRoot = undefined;
  setupOnce = undefined;
  rmSync(root, { recursive: true, force: true });
}

/**
 * Where a Windows path lives on Linux: the driver maps a PowerShell drive C: to the case's
 * folder `C` (pwsh reads `\` as a separator), so `C:\ProgramData\x` is `<case>/C/ProgramData/x`.
 * @param {string} driveRoot
 * @param {string} windowsPath
 */
function hostPath(driveRoot, windowsPath) {
  const match = /^C:\\(.*)$/i.exec(windowsPath);
  if (!match) throw new Error(`not a path on drive C: ${windowsPath}`);
  return path.join(driveRoot, ...(match[1] ?? "").split("\\"));
}

/**
 * Every file under `dir`, by Windows path on drive C:.
 * @param {string} driveRoot
 * @param {string} dir
 * @param {Record<string, string>} files
 */
function collectFiles(driveRoot, dir, files) {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) collectFiles(driveRoot, full, files);
    else
      files[`C:\\${path.relative(driveRoot, full).split(path.sep).join("\\")}`] = readFileSync(
        full,
        "utf8",
      );
  }
}

/**
 * What each case printed to the host: the driver's stdout between its marker lines.
 * @param {string} stdout
 * @param {number} count
 */
function caseOutputs(stdout, count) {
  /** @type {string[]} */
  const outputs = [];
  for (let n = 0; n < count; n++) {
    const start = stdout.indexOf(`\u0001rdl-case ${n}\n`);
    const end = stdout.indexOf(`\u0001rdl-end ${n}\n`, start);
    if (start < 0 || end < 0) throw new Error(`the driver's output lacks case ${n}:\n${stdout}`);
    const body = stdout.slice(stdout.indexOf("\n", start) + 1, end);
    outputs.push(body.replace(/\r?\n/g, "\r\n"));
  }
  return outputs;
}

/**
 * Runs cases under pwsh, in up to `processes` pwsh processes at once (default 2; one per 50
 * cases; each runs its share of the cases in turn, see standins/driver.ps1), and returns one
 * result per case in order.
 * @param {import("./pwshRunner.js").PwshCase[]} cases
 * @param {{ processes?: number }} [options]
 * @returns {Promise<import("./pwshRunner.js").PwshRun[]>}
 */
export async function runUnderPwsh(cases, options = {}) {
  const { root, binDir, modulePath } = await preparePwsh();
  const batch = path.join(root, "runs", String(runCounter++));
  // One file per distinct script, so that pwsh parses each script once, not once per case.
  /** @type {Map<string, string>} */
  const scripts = new Map();
  mkdirSync(path.join(batch, "scripts"), { recursive: true });
  const scriptFile = (/** @type {string} */ text) => {
    let file = scripts.get(text);
    if (file === undefined) {
      file = path.join(batch, "scripts", `${scripts.size}.ps1`);
      writeFileSync(file, Buffer.from(text, "latin1"));
      scripts.set(text, file);
    }
    return file;
  };
  const prepared = cases.map((c, n) => {
    // At most 64 folders in one: pwsh reads every folder above a location it goes to.
    const dir = path.join(batch, "cases", String(Math.floor(n / 64)), String(n % 64));
    const work = path.join(dir, "work");
    const drive = path.join(dir, "C");
    const fixtures = path.join(dir, "fixtures");
    const log = path.join(dir, "calls.log");
    mkdirSync(work, { recursive: true });
    mkdirSync(fixtures);
    mkdirSync(drive);
    writeStandinFixtures(fixtures, c.world);
    for (const folder of c.directories ?? [])
      mkdirSync(hostPath(drive, folder), { recursive: true });
    writeFileSync(log, "");
    /** @type {Record<string, string>} */
    const env = { ...c.env, RDL_ORACLE_LOG: log, RDL_ORACLE_FIXTURES: fixtures };
    if (c.computerName !== undefined) env.COMPUTERNAME = c.computerName;
    if (c.currentSessionId !== undefined) env.RDL_ORACLE_SESSION_ID = String(c.currentSessionId);
    if (c.directory !== undefined) {
      const directory = path.join(dir, "directory.json");
      writeFileSync(directory, JSON.stringify(c.directory));
      env.RDL_ORACLE_DIRECTORY = directory;
    }
    if (c.rdUserSessions !== undefined) {
      const broker = path.join(dir, "broker.json");
      writeFileSync(broker, JSON.stringify(c.rdUserSessions));
      env.RDL_ORACLE_BROKER = broker;
      env.RDL_ORACLE_RD_DEPLOYMENT = c.rdDeployment === false ? "0" : "1";
      // With a space, not ISO's T: the driver's ConvertFrom-Json would make a T form a DateTime.
      env.RDL_ORACLE_BROKER_CLOCK = (c.brokerClock ?? defaultBrokerClock)
        .toISOString()
        .slice(0, 19)
        .replace("T", " ");
    }
    return {
      dir,
      drive,
      log,
      manifest: {
        work,
        drive,
        script: scriptFile(c.script),
        args: c.args ?? [],
        codePage: c.codePage ?? 437,
        env,
        modulePath: c.rdUserSessions !== undefined ? modulePath : "",
        result: path.join(dir, "result.json"),
      },
    };
  });
  // A pwsh process costs about a second of CPU to start, some 30 cases' worth: a second one
  // pays for itself from about 50 cases on.
  const processes = Math.max(1, Math.min(options.processes ?? 2, Math.ceil(prepared.length / 50)));
  const shares = Array.from({ length: processes }, (_, p) =>
    prepared.filter((_, n) => n % processes === p),
  );
  /** @type {string[]} */
  const outputs = [];
  await Promise.all(
    shares.map(async (share, p) => {
      const manifest = path.join(batch, `manifest-${p}.json`);
      writeFileSync(manifest, JSON.stringify(share.map((c) => c.manifest)));
      const run = await runProcess(
        pwshBinary(),
        [
          "-NoLogo",
          "-NoProfile",
          "-NonInteractive",
          "-ExecutionPolicy",
          "Bypass",
          "-File",
          path.join(standinSources, "driver.ps1"),
          manifest,
        ],
        {
          env: {
            ...process.env,
            PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
            POWERSHELL_TELEMETRY_OPTOUT: "1",
            POWERSHELL_UPDATECHECK: "Off",
          },
          timeoutMs: 60_000 + share.length * 5_000,
        },
      );
      if (run.exitCode !== 0) {
        throw new Error(
          `the pwsh driver failed (exit ${run.exitCode}):\n${run.stderr.toString()}\n${run.stdout.toString()}`,
        );
      }
      caseOutputs(run.stdout.toString("utf8"), share.length).forEach((output, n) => {
        outputs[n * processes + p] = output;
      });
    }),
  );
  try {
    return prepared.map((c, n) => {
      const result = JSON.parse(readFileSync(c.manifest.result, "utf8"));
      const calls = readFileSync(c.log, "utf8").split("\n");
      calls.pop();
      /** @type {Record<string, string>} */
      const files = {};
      collectFiles(c.drive, c.drive, files);
      return {
        calls,
        stdout: outputs[n] ?? "",
        exitCode: result.exitCode,
        consoleError: result.consoleError,
        threw: result.threw ?? undefined,
        files,
      };
    });
  } finally {
    rmSync(batch, { recursive: true, force: true });
  }
}
