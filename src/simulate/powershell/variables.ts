import { PowerShellError } from "./errors.js";
import { textOf, unsupportedAt, type ParsedScript, type SyntaxNode } from "./tree.js";
import { toStr, type PsValue } from "./values.js";

/**
 * Variables: the script's global scope and one scope per function call, the `env:`, `script:`,
 * `global:` and `local:` drives, and the automatic variables the simulator answers.
 */

/** The process id `$PID` reports; Get-Process -Id answers for it alone. */
export const simulatedProcessId = 4242;

/**
 * Automatic variables the simulator does not model. Reading one is refused rather than
 * answered with $null, which would silently take a branch Windows would not take.
 */
const unmodelledAutomaticVariables = new Set([
  "psversiontable",
  "psscriptroot",
  "pscommandpath",
  "myinvocation",
  "psboundparameters",
  "host",
  "error",
  "home",
  "pwd",
  "executioncontext",
  "input",
  "this",
  "stacktrace",
  "pshome",
  "profile",
  "shellid",
]);

type Unsupported = (node: SyntaxNode, construct: string) => Error;

/** One scope: the script's, or a function call's, whose parent is its caller's. */
export class Scope {
  readonly variables = new Map<string, PsValue>();
  constructor(readonly parent?: Scope) {}
}

/** The variables of one run. Names are case-insensitive; values live in the nearest scope. */
export class Variables {
  readonly global = new Scope();
  /** The scope statements run in now. */
  current = this.global;
  private readonly env = new Map<string, { name: string; value: string }>();

  constructor(
    computerName: string | undefined,
    environment: Record<string, string>,
    private readonly unsupported: Unsupported,
  ) {
    for (const [name, value] of [
      ["SystemRoot", "C:\\Windows"],
      ["windir", "C:\\Windows"],
      ["SystemDrive", "C:"],
      ["ComSpec", "C:\\Windows\\system32\\cmd.exe"],
      ...Object.entries(environment),
    ] as const) {
      this.env.set(name.toLowerCase(), { name, value });
    }
    if (computerName !== undefined) {
      this.env.set("computername", { name: "COMPUTERNAME", value: computerName });
    }
    for (const [name, value] of [
      ["ErrorActionPreference", "Continue"],
      ["WarningPreference", "Continue"],
      ["VerbosePreference", "SilentlyContinue"],
      ["WhatIfPreference", false],
      ["ConfirmPreference", "High"],
      ["LASTEXITCODE", null],
      ["?", true],
      ["PID", simulatedProcessId],
    ] as const) {
      this.global.variables.set(name.toLowerCase(), value);
    }
  }

  get(name: string): PsValue {
    const lower = name.toLowerCase();
    for (let scope: Scope | undefined = this.current; scope; scope = scope.parent) {
      if (scope.variables.has(lower)) return scope.variables.get(lower) ?? null;
    }
    return null;
  }

  set(name: string, value: PsValue, scope: Scope = this.current): void {
    scope.variables.set(name.toLowerCase(), value);
  }

  /** An effective preference: `-ErrorAction` on the command wins over the variable. */
  preference(variable: string, override: PsValue | undefined): string {
    return toStr(override ?? this.get(variable)).toLowerCase();
  }

  /** Runs `action` with `$_` bound in the current scope, then restores the scope's own `$_`. */
  withDollarUnder(value: PsValue, action: () => void): void {
    const saved = this.current.variables.get("_");
    this.set("_", value);
    try {
      action();
    } finally {
      if (saved === undefined) this.current.variables.delete("_");
      else this.set("_", saved);
    }
  }

  /** `$name` as a script reads it: constants, automatic variables, drives, then scopes. */
  read(name: string, node: SyntaxNode): PsValue {
    const lower = name.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    if (lower === "null") return null;
    if (lower === "psitem") return this.get("_");
    const scoped = /^(\w+):(.+)$/.exec(lower);
    if (scoped) {
      const [, drive = "", rest = ""] = scoped;
      if (drive === "env") {
        if (rest === "computername" && !this.env.has(rest)) {
          throw this.unsupported(node, "$env:COMPUTERNAME without computerName in the world");
        }
        return this.env.get(rest)?.value ?? null;
      }
      if (drive === "script" || drive === "global") return this.global.variables.get(rest) ?? null;
      if (drive === "local") return this.current.variables.get(rest) ?? null;
      throw this.unsupported(node, `variable drive ${drive}:`);
    }
    if (lower === "$" || lower === "^" || unmodelledAutomaticVariables.has(lower)) {
      throw this.unsupported(node, `automatic variable $${name}`);
    }
    return this.get(lower);
  }

  /** `$name = value` as a script writes it: constants are read-only, drives pick the scope. */
  write(name: string, value: PsValue, node: SyntaxNode): void {
    const lower = name.toLowerCase();
    if (lower === "true" || lower === "false" || lower === "null") {
      if (lower === "null") return;
      throw new PowerShellError(
        `Cannot overwrite variable ${name} because it is read-only or constant.`,
      );
    }
    const scoped = /^(\w+):(.+)$/.exec(name);
    if (scoped) {
      const [, drive = "", rest = ""] = scoped;
      const driveLower = drive.toLowerCase();
      if (driveLower === "env")
        this.env.set(rest.toLowerCase(), { name: rest, value: toStr(value) });
      else if (driveLower === "script" || driveLower === "global")
        this.set(rest, value, this.global);
      else if (driveLower === "local") this.set(rest, value);
      else throw this.unsupported(node, `variable drive ${drive}:`);
      return;
    }
    this.set(name, value);
  }
}

/** The name of a `$variable` node, without the `$`; splatting (`@args`) is refused. */
export function variableName(script: ParsedScript, node: SyntaxNode): string {
  let name = variableNames.get(node);
  if (name === undefined) {
    const text = textOf(script, node);
    if (text.startsWith("@")) throw unsupportedAt(script, node, "splatting");
    name = text.slice(1);
    variableNames.set(node, name);
  }
  return name;
}

/** Variable names by node, read once (a node belongs to one script text). */
const variableNames = new WeakMap<SyntaxNode, string>();
