import type { TargetOptions } from "./types.js";

/** A value that a script cannot hold safely, found before anything is rendered. */
export interface ValueProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Characters refused in user names. `& % " ^` are the ones cmd.exe gives meaning to even
 * where rdlogoff quotes them (percent expansion runs first; a quote ends the quoting); the
 * rest are forbidden in Windows logon names anyway (sAMAccountName), so refusing them loses
 * no real account.
 */
const forbiddenInUserNames = new Set([...'&%"^/\\[]:;|=,+*?<>']);

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f)
    return `the control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return ch === '"' ? `'"'` : `"${ch}"`;
}

function userNameProblem(name: string, batch: boolean): string | undefined {
  for (const ch of name) {
    const code = ch.codePointAt(0) ?? 0;
    if (forbiddenInUserNames.has(ch) || code < 0x20 || code === 0x7f) {
      return `user name ${JSON.stringify(name)} contains ${describeChar(ch)}, which rdlogoff does not put into scripts`;
    }
    if (batch && code > 0x7e) {
      return `user name ${JSON.stringify(name)} is not ASCII; a batch file cannot match it (use formats: [ps1])`;
    }
  }
  if (name !== name.trim()) return `user name ${JSON.stringify(name)} starts or ends with a space`;
  return undefined;
}

function sessionPatternProblem(pattern: string): string | undefined {
  if (!/^\*?[A-Za-z0-9#._-]+\*?$/.test(pattern)) {
    return `session name pattern ${JSON.stringify(pattern)} may hold letters, digits, # . _ - and a * only at its start and/or end`;
  }
  return undefined;
}

/** Printable ASCII without the characters that end or break a quoted batch value. */
function quotedTextProblem(value: string, what: string, extra: string): string | undefined {
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code > 0x7e) {
      return `${what} contains ${code > 0x7e ? `the non-ASCII character "${ch}"` : describeChar(ch)}; scripts are written in ASCII`;
    }
    if (ch === '"' || ch === "%" || extra.includes(ch)) {
      return `${what} contains ${describeChar(ch)}, which cannot be quoted safely in a batch file`;
    }
  }
  return undefined;
}

/** Every option value of a style safe target that no script could hold. */
export function safeValueProblems(target: TargetOptions): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const batch = target.formats.includes("bat");
  for (const key of ["excludeUsers", "onlyUsers"] as const) {
    target[key].forEach((name, j) => {
      const message = userNameProblem(name, batch);
      if (message) problems.push({ path: [key, j], message });
    });
  }
  target.excludeSessions.forEach((pattern, j) => {
    const message = sessionPatternProblem(pattern);
    if (message) problems.push({ path: ["excludeSessions", j], message });
  });
  if (target.warn) {
    const message = quotedTextProblem(target.warn.message, "the warning message", "");
    if (message) problems.push({ path: ["warn", "message"], message });
  }
  if (target.log !== undefined) {
    const message = quotedTextProblem(target.log, "the log path", "<>|*?");
    if (message) problems.push({ path: ["log"], message });
  }
  return problems;
}
