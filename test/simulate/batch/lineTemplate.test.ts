/**
 * Lines whose values sit inside double quotes are parsed once with placeholders
 * (src/simulate/batch/lineTemplate.ts); these runs check that such a line does what cmd does
 * when its values hold special characters, when a value holds a quote (which changes how the
 * line parses, so it is parsed with its value), and when phase 1 scans it differently. Wine's
 * cmd.exe prints the same for each of these scripts.
 */
import { describe, expect, test } from "vitest";
import { simulateBatch } from "../../../src/simulate/batch/index.js";
import { createSessionWorld } from "../../../src/simulate/world.js";

const run = (lines: string[]) =>
  simulateBatch(["@echo off", ...lines, ""].join("\r\n"), createSessionWorld({ servers: {} }));

describe("lines with quoted values", () => {
  test("a value's special characters stay text inside quotes", () => {
    const result = run(['set "V=a & b | c > d ( ) ^ !"', 'echo "%V%"']);
    expect(result.stdout).toBe('"a & b | c > d ( ) ^ !"\r\n');
  });

  test("a value holding a quote ends the quotes, and what follows is a command", () => {
    const result = run(['set V=1" & echo two', 'echo "%V%"']);
    expect(result.stdout).toBe('"1" \r\ntwo"\r\n');
  });

  test("a caret before a value outside quotes escapes its first character only", () => {
    const result = run(['set "V=a&echo b"', "echo ^%V%", 'echo "^%V%"']);
    expect(result.stdout).toBe('a\r\nb\r\n"^a&echo b"\r\n');
  });

  test("a caret before an empty value ends the line, so the next line continues the command", () => {
    // Phase 1 leaves `echo ^`: the caret escapes the line end (Wine prints `echo next`).
    const result = run([
      "echo ^%UNDEFINED%",
      "echo next",
      "set n=5",
      "echo ^%n%",
      "echo ^%UNDEFINED%",
    ]);
    expect(result.stdout).toBe("echo next\r\n5\r\n");
  });

  test("an edit of an undefined variable drops the name, and the rest is scanned again", () => {
    expect(run(['echo "%UNDEFINED:~1%"']).stdout).toBe('"~1"\r\n');
  });

  test("the same line with other values, in both branches of an if", () => {
    const result = run([
      "for %%x in (1 2) do call :show %%x",
      "goto :eof",
      ":show",
      'set "V=%~1"',
      'if "%V%"=="1" (echo one "%V%") else echo other "%V%"',
    ]);
    expect(result.stdout).toBe('one "1"\r\nother "2"\r\n');
  });
});
