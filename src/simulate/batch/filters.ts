/**
 * `find` and `findstr`, the text filters scripts pipe `query session` through. They read their
 * standard input (or named files from the simulated disk) and print matching lines with CRLF.
 */
import type { ProcessResult } from "../types.js";

/** Reads a named file from the simulated disk; undefined when it does not exist. */
export type FileReader = (name: string) => string | undefined;

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

/** `find [/v] [/c] [/n] [/i] "string" [file...]`. */
export function runFind(args: string[], stdin: string, readFile: FileReader): ProcessResult {
  let invert = false;
  let count = false;
  let numbers = false;
  let ignoreCase = false;
  let needle: string | undefined;
  const files: string[] = [];
  for (const arg of args) {
    const lower = arg.toLowerCase();
    if (needle === undefined && lower.startsWith("/") && arg.length === 2) {
      if (lower === "/v") invert = true;
      else if (lower === "/c") count = true;
      else if (lower === "/n") numbers = true;
      else if (lower === "/i") ignoreCase = true;
      else return { stdout: "", stderr: `FIND: Parameter format not correct\r\n`, exitCode: 2 };
    } else if (needle === undefined) needle = arg;
    else files.push(arg);
  }
  if (needle === undefined) {
    return { stdout: "", stderr: "FIND: Parameter format not correct\r\n", exitCode: 2 };
  }
  const wanted = ignoreCase ? needle.toLowerCase() : needle;
  let stdout = "";
  let stderr = "";
  let found = false;
  const scan = (text: string): string => {
    let out = "";
    let matches = 0;
    splitLines(text).forEach((line, index) => {
      const hay = ignoreCase ? line.toLowerCase() : line;
      // An empty string matches no line, so `find /c /v ""` counts every line.
      if ((wanted !== "" && hay.includes(wanted)) === invert) return;
      matches++;
      found = true;
      if (!count) out += `${numbers ? `[${index + 1}]` : ""}${line}\r\n`;
    });
    return count ? `${matches}\r\n` : out;
  };
  if (files.length === 0) stdout = scan(stdin);
  for (const file of files) {
    const text = readFile(file);
    if (text === undefined) {
      stderr += `File not found - ${file.toUpperCase()}\r\n`;
      continue;
    }
    const body = scan(text);
    stdout += count
      ? `\r\n---------- ${file.toUpperCase()}: ${body}`
      : `\r\n---------- ${file.toUpperCase()}\r\n${body}`;
  }
  return { stdout, stderr, exitCode: found ? 0 : 1 };
}

/** Translates a findstr regular expression (`. * ^ $ [] \< \>`) into a JavaScript one. */
function findstrRegexSource(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === "\\") {
      const next = pattern[i + 1];
      i++;
      if (next === "<" || next === ">") out += "\\b";
      else if (next !== undefined) out += next.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      continue;
    }
    if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close > 0) {
        out += pattern.slice(i, close + 1).replace(/\\/g, "\\\\");
        i = close;
        continue;
      }
    }
    if (c === "." || c === "*" || c === "^" || c === "$") out += c;
    else out += c.replace(/[+?{}()|[\]/]/g, "\\$&");
  }
  return out;
}

/** `findstr [/i /v /b /e /x /l /r /n /c:"string"] [strings] [file...]`. */
export function runFindstr(args: string[], stdin: string, readFile: FileReader): ProcessResult {
  let ignoreCase = false;
  let invert = false;
  let begin = false;
  let end = false;
  let exact = false;
  let literal: boolean | undefined;
  let numbers = false;
  const searches: string[] = [];
  const rest: string[] = [];
  for (const arg of args) {
    if (rest.length === 0 && arg.startsWith("/") && arg.length > 1) {
      const lower = arg.toLowerCase();
      if (lower.startsWith("/c:")) {
        searches.push(arg.slice(3));
        continue;
      }
      for (const flag of lower.slice(1)) {
        if (flag === "i") ignoreCase = true;
        else if (flag === "v") invert = true;
        else if (flag === "b") begin = true;
        else if (flag === "e") end = true;
        else if (flag === "x") exact = true;
        else if (flag === "l") literal = true;
        else if (flag === "r") literal = false;
        else if (flag === "n") numbers = true;
        else return { stdout: "", stderr: `FINDSTR: Bad command line\r\n`, exitCode: 2 };
      }
      continue;
    }
    rest.push(arg);
  }
  const usedC = searches.length > 0;
  if (!usedC) {
    const words = rest.shift();
    if (words === undefined)
      return { stdout: "", stderr: "FINDSTR: Bad command line\r\n", exitCode: 2 };
    searches.push(...words.split(" ").filter((w) => w !== ""));
  }
  const asLiteral = literal ?? usedC;
  const matchers = searches.map((search) => {
    let source = asLiteral
      ? search.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
      : findstrRegexSource(search);
    if (begin || exact) source = `^(?:${source})`;
    if (end || exact) source = `(?:${source})$`;
    return new RegExp(source, ignoreCase ? "i" : "");
  });
  let found = false;
  const scan = (text: string, prefix: string): string => {
    let out = "";
    splitLines(text).forEach((line, index) => {
      if (matchers.some((m) => m.test(line)) === invert) return;
      found = true;
      out += `${prefix}${numbers ? `${index + 1}:` : ""}${line}\r\n`;
    });
    return out;
  };
  let stdout = "";
  let stderr = "";
  if (rest.length === 0) stdout = scan(stdin, "");
  for (const file of rest) {
    const text = readFile(file);
    if (text === undefined) stderr += `FINDSTR: Cannot open ${file}\r\n`;
    else stdout += scan(text, rest.length > 1 ? `${file}:` : "");
  }
  return { stdout, stderr, exitCode: found ? 0 : 1 };
}
