// @ts-check
/**
 * What the two oracles share: running a program with its output in files, and writing a
 * simulated world in the layout the stand-in tools read (standins/standin.h). The Wine oracle
 * (wineRunner.js) builds the stand-ins as Windows programs, the pwsh oracle (pwshRunner.js) as
 * Linux programs, from the same C source.
 */
import { spawn } from "node:child_process";
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { copyFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The stand-ins' C sources, the RemoteDesktop stand-in module and the pwsh driver. */
/**
 * The host both oracles simulate, as the validation's worlds do (src/validate/simulate.ts,
 * src/simulate/world.ts): its name and its primary DNS suffix.
 */
export const simulatedComputerName = "RDSH01";
export const simulatedDnsDomain = "corp.example.com";

export const standinSources = path.join(path.dirname(fileURLToPath(import.meta.url)), "standins");

/**
 * Each stand-in source builds one executable that is copied under every name it serves; the
 * program finds out which one it is from its own file name.
 */
export const standinPrograms = {
  query: ["query", "qwinsta", "quser"],
  logoff: ["logoff"],
  msg: ["msg", "rwinsta", "reset", "tsdiscon", "eventcreate", "timeout"],
};

/**
 * Stand-ins for the pwsh oracle only: under Wine, Wine's own reg.exe answers from the prefix's
 * registry (wineRunner.js writes the DNS suffix there).
 */
export const hostOnlyStandinPrograms = {
  reg: ["reg"],
};

/** A run that takes longer than this is hung, not slow. */
const defaultTimeoutMs = 60_000;

/**
 * Runs a program to its exit. Its stdout and stderr go to files, not pipes: Wine starts
 * session daemons (services.exe, winedevice.exe) that inherit the standard handles and outlive
 * the program, so a pipe would stay open until wineserver shuts down seconds later.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options]
 * @returns {Promise<{ stdout: Buffer, stderr: Buffer, exitCode: number }>}
 */
export async function runProcess(command, args, options = {}) {
  const outputDir = mkdtempSync(path.join(os.tmpdir(), "rdl-run-"));
  const stdoutPath = path.join(outputDir, "stdout");
  const stderrPath = path.join(outputDir, "stderr");
  const stdoutFd = openSync(stdoutPath, "w");
  const stderrFd = openSync(stderrPath, "w");
  try {
    const exitCode = await new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        cwd: options.cwd,
        env: options.env,
        stdio: ["ignore", stdoutFd, stderrFd],
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? defaultTimeoutMs);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("exit", (code, signal) => {
        clearTimeout(timer);
        if (signal !== null) reject(new Error(`${command} ${args.join(" ")} ended by ${signal}`));
        else resolve(code ?? -1);
      });
    });
    return { stdout: readFileSync(stdoutPath), stderr: readFileSync(stderrPath), exitCode };
  } finally {
    closeSync(stdoutFd);
    closeSync(stderrFd);
    rmSync(outputDir, { recursive: true, force: true });
  }
}

/**
 * @param {import("./wineRunner.js").ProcessResult | import("./wineRunner.js").ProcessResult[]} recorded
 * @returns {import("./wineRunner.js").ProcessResult[]}
 */
function asList(recorded) {
  return Array.isArray(recorded) ? recorded : [recorded];
}

/**
 * Writes the world in the layout the stand-ins read (see standins/standin.h).
 * @param {string} dir
 * @param {import("./wineRunner.js").SessionWorldConfig} world
 */
export function writeStandinFixtures(dir, world) {
  // The host's primary DNS suffix for reg.exe, unless the world says otherwise (null: none set).
  const dnsDomain = world.dnsDomain === undefined ? simulatedDnsDomain : world.dnsDomain;
  mkdirSync(dir, { recursive: true });
  if (dnsDomain !== null) writeFileSync(path.join(dir, "dnsdomain"), dnsDomain);
  for (const [name, server] of Object.entries(world.servers)) {
    const serverDir = path.join(dir, name === "" ? "local" : name.toLowerCase());
    mkdirSync(serverDir, { recursive: true });
    writeFileSync(path.join(serverDir, "ids"), server.sessionIds.join(" "));
    /** @type {[string, import("./wineRunner.js").ProcessResult | import("./wineRunner.js").ProcessResult[] | undefined][]} */
    const kinds = [
      ["session", server.querySession],
      ["user", server.queryUser],
    ];
    for (const [kind, recorded] of kinds) {
      if (recorded === undefined) continue;
      const results = asList(recorded);
      writeFileSync(path.join(serverDir, `${kind}.count`), String(results.length));
      results.forEach((result, n) => {
        writeFileSync(
          path.join(serverDir, `${kind}.${n}.out`),
          Buffer.from(result.stdout, "latin1"),
        );
        writeFileSync(
          path.join(serverDir, `${kind}.${n}.err`),
          Buffer.from(result.stderr, "latin1"),
        );
        writeFileSync(path.join(serverDir, `${kind}.${n}.code`), String(result.exitCode));
      });
    }
  }
}

/**
 * Builds the stand-ins into `binDir` with a C compiler (mingw for Wine, the system one for
 * pwsh), each under every name it serves, `.exe` included.
 * @param {string} compiler
 * @param {string[]} flags
 * @param {string} binDir
 * @param {Record<string, string[]>} [programs] source file (without .c) by the names it is copied to
 */
export async function buildStandins(compiler, flags, binDir, programs = standinPrograms) {
  /** @param {string[]} args */
  const compile = async (args) => {
    const result = await runProcess(compiler, [...flags, ...args], { cwd: standinSources });
    if (result.exitCode !== 0) {
      throw new Error(`${compiler} ${args.join(" ")} failed:\n${result.stderr.toString()}`);
    }
  };
  const core = path.join(binDir, "standin.o");
  await compile(["-c", "-o", core, "standin.c"]);
  await Promise.all(
    Object.entries(programs).map(async ([source, names]) => {
      const [first, ...copies] = names;
      const exe = path.join(binDir, `${first}.exe`);
      await compile(["-o", exe, `${source}.c`, core]);
      await Promise.all(copies.map((name) => copyFile(exe, path.join(binDir, `${name}.exe`))));
    }),
  );
  rmSync(core);
}
