import {
  describeChar,
  scriptFormats,
  type ScriptFormatSpec,
  type ValueProblem,
} from "../targets/formats.js";
import { taskProblems } from "./schedule.js";
import type { TargetOptions } from "./types.js";

export type { ValueProblem } from "../targets/formats.js";

/**
 * Characters refused in user names. `& % " ^` are the ones cmd.exe gives meaning to even
 * where rdlogoff quotes them (percent expansion runs first; a quote ends the quoting); the
 * rest are forbidden in Windows logon names anyway (sAMAccountName), so refusing them loses
 * no real account.
 */
const forbiddenInUserNames = new Set([...'&%"^/\\[]:;|=,+*?<>']);

/** The first character of a name that is in `forbidden` or a control character. */
function firstForbidden(name: string, forbidden: ReadonlySet<string>): string | undefined {
  return [...name].find((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return forbidden.has(ch) || code < 0x20 || code === 0x7f;
  });
}

function userNameProblem(name: string): string | undefined {
  const ch = firstForbidden(name, forbiddenInUserNames);
  if (ch !== undefined) {
    return `user name ${JSON.stringify(name)} contains ${describeChar(ch)}, which rdlogoff does not put into scripts`;
  }
  if (name !== name.trim()) return `user name ${JSON.stringify(name)} starts or ends with a space`;
  return undefined;
}

/**
 * Characters Active Directory refuses in a group's sAMAccountName; a name holding one names no
 * group, so it is refused rather than searched for.
 */
const forbiddenInGroupNames = new Set([...'"/\\[]:;|=,+*?<>']);

function groupNameProblem(name: string): string | undefined {
  const ch = firstForbidden(name, forbiddenInGroupNames);
  if (ch !== undefined) {
    return `group name ${JSON.stringify(name)} contains ${describeChar(ch)}, which no Active Directory group name holds`;
  }
  if (name !== name.trim() || name.endsWith(".")) {
    return `group name ${JSON.stringify(name)} starts or ends with a space, or ends with ".", which no Active Directory group name does`;
  }
  return undefined;
}

function userPatternProblem(pattern: string): string | undefined {
  const core = pattern.replace(/^\*/, "").replace(/\*$/, "");
  if (!/^\*?[A-Za-z0-9._-][A-Za-z0-9._ -]*\*?$/.test(pattern) || core.trim() !== core) {
    return `user name pattern ${JSON.stringify(pattern)} may hold letters, digits, . _ - and inner spaces, and a * only at its start and/or end`;
  }
  return undefined;
}

function sessionPatternProblem(pattern: string): string | undefined {
  if (!/^\*?[A-Za-z0-9#._-]+\*?$/.test(pattern)) {
    return `session name pattern ${JSON.stringify(pattern)} may hold letters, digits, # . _ - and a * only at its start and/or end`;
  }
  return undefined;
}

/**
 * A server given by an IP address: a script cannot cheaply tell whether the address is this
 * host's own, where /server: would not mark the caller's session (127.0.0.1 is this host).
 */
function serverProblem(server: string): string | undefined {
  // Windows also reads 127.1, 2130706433 and 0x7f000001 as addresses, and a numeric label is
  // never a host name; ipv6-literal.net names are addresses too.
  const address =
    /^[0-9.]+$/.test(server) ||
    /^0x[0-9a-f]+$/i.test(server) ||
    /\.ipv6-literal\.net\.?$/i.test(server);
  if (!address || server === "127.0.0.1") return undefined;
  return `server ${JSON.stringify(server)} is an IP address, which a script cannot tell apart from this host's own (where /server: does not mark the current session); name the server by its host name`;
}

/** Names Windows keeps for devices: `con.bat` opens the console, not a file. */
const deviceNames = new Set([
  "con",
  "prn",
  "aux",
  "nul",
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`com${n}`, `lpt${n}`]),
]);

/** A target name Windows cannot use as a file name. */
export function targetNameProblems(target: TargetOptions): ValueProblem[] {
  if (!deviceNames.has(target.name.toLowerCase())) return [];
  return [
    {
      path: ["name"],
      message: `"${target.name}" is a Windows device name: ${target.name}.bat would not be a file on the share`,
    },
  ];
}

/** What the header of the target's scripts cannot hold (any style), each format's problems once. */
export function headerValueProblems(
  target: TargetOptions,
  formats: readonly ScriptFormatSpec[] = scriptFormats,
): ValueProblem[] {
  const problems: ValueProblem[] = [];
  for (const spec of formats.filter((f) => target.formats.includes(f.format))) {
    for (const problem of spec.headerProblems(target)) {
      if (!problems.some((p) => JSON.stringify(p.path) === JSON.stringify(problem.path))) {
        problems.push(problem);
      }
    }
  }
  return problems;
}

/**
 * Every option value of a style safe target that no script could hold: what no format takes
 * (names Windows forbids, malformed patterns), its scheduled task's options
 * (src/options/schedule.ts), then what each of the target's formats cannot hold
 * (src/targets/formats.ts), each problem once.
 */
export function safeValueProblems(
  target: TargetOptions,
  formats: readonly ScriptFormatSpec[] = scriptFormats,
): ValueProblem[] {
  const problems: ValueProblem[] = [];
  for (const key of ["excludeUsers", "onlyUsers"] as const) {
    target[key].forEach((name, j) => {
      const message = userNameProblem(name);
      if (message) problems.push({ path: [key, j], message });
    });
  }
  target.excludeGroups.forEach((name, j) => {
    const message = groupNameProblem(name);
    if (message) problems.push({ path: ["excludeGroups", j], message });
  });
  target.excludeSessions.forEach((pattern, j) => {
    const message = sessionPatternProblem(pattern);
    if (message) problems.push({ path: ["excludeSessions", j], message });
  });
  target.excludeUsersMatching.forEach((pattern, j) => {
    const message = userPatternProblem(pattern);
    if (message) problems.push({ path: ["excludeUsersMatching", j], message });
  });
  target.servers.forEach((server, j) => {
    const message = serverProblem(server);
    if (message) problems.push({ path: ["servers", j], message });
  });
  const message = target.warn?.message;
  if (message !== undefined && /^[/-]/.test(message)) {
    // msg.exe would read it as a switch (/server:, /v, /w): the user is never warned.
    problems.push({
      path: ["warn", "message"],
      message: `the warning message starts with "${message[0]}", which msg.exe reads as a switch`,
    });
  }
  problems.push(...taskProblems(target));
  const seen = new Set(problems.map((p) => JSON.stringify(p.path)));
  for (const spec of formats.filter((f) => target.formats.includes(f.format))) {
    for (const problem of spec.valueProblems(target)) {
      const key = JSON.stringify(problem.path);
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}
