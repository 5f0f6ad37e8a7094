import { describe, expect, test } from "vitest";
import { simulateBatch } from "../../../src/simulate/batch/index.js";
import { createSessionWorld } from "../../../src/simulate/world.js";
import { wineCases } from "./wineCases.js";

/** Runs a Wine case the way Wine's harness does: CRLF lines, `:setError` defined at the end. */
function runCase(script: string[]): string[] {
  const text = ["@echo off", ...script, "goto :eof", ":setError", "exit /B %1", ""].join("\r\n");
  const world = createSessionWorld({ servers: {} });
  const stdout = simulateBatch(text, world, { cwd: "C:\\wine" }).stdout;
  const lines = stdout.split("\r\n");
  lines.pop();
  return lines;
}

describe("Wine conformance cases (Windows' expected output)", () => {
  test.each(wineCases)("$name", ({ script, want }) => {
    expect({ script, got: runCase(script) }).toEqual({ script, got: want });
  });
});
