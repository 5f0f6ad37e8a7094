import { keptFor } from "../kept.js";
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
    return this.getLower(lowerCase(name));
  }

  /** `get` of a name already in lower case. */
  getLower(lower: string): PsValue {
    for (let scope: Scope | undefined = this.current; scope; scope = scope.parent) {
      const value = scope.variables.get(lower);
      if (value !== undefined) return value;
      if (scope.variables.has(lower)) return null;
    }
    return null;
  }

  set(name: string, value: PsValue, scope: Scope = this.current): void {
    scope.variables.set(lowerCase(name), value);
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
    return variableReader(name)(this, node);
  }

  /** `$env:NAME`; reading COMPUTERNAME is refused when the world does not name the computer. */
  readEnvironment(lower: string, node: SyntaxNode): PsValue {
    if (lower === "computername" && !this.env.has(lower)) {
      throw this.unsupported(node, "$env:COMPUTERNAME without computerName in the world");
    }
    return this.env.get(lower)?.value ?? null;
  }

  /** Refuses a construct at a node. */
  refuse(node: SyntaxNode, construct: string): Error {
    return this.unsupported(node, construct);
  }

  /** `$name = value` as a script writes it: constants are read-only, drives pick the scope. */
  write(name: string, value: PsValue, node: SyntaxNode): void {
    variableWriter(name)(this, value, node);
  }

  /** `$env:NAME = value`. */
  writeEnvironment(name: string, value: PsValue): void {
    this.env.set(name.toLowerCase(), { name, value: toStr(value) });
  }
}

/**
 * Variable names in lower case, by name: the interpreter reads and sets the same few names
 * (its preference variables, `$?`, `$args`) over and over.
 */
const lowerCased = new Map<string, string>();

function lowerCase(name: string): string {
  return byName(lowerCased, name, (text) => text.toLowerCase());
}

/** How a script reads one variable name, decided once per name. */
export type VariableReader = (variables: Variables, node: SyntaxNode) => PsValue;

/** How a script writes one variable name, decided once per name. */
export type VariableWriter = (variables: Variables, value: PsValue, node: SyntaxNode) => void;

/** Readers and writers by name: a script reads and writes few names, often. */
const readers = new Map<string, VariableReader>();
const writers = new Map<string, VariableWriter>();

/** The reader of `$name`: constants, automatic variables, drives, then scopes. */
export function variableReader(name: string): VariableReader {
  return byName(readers, name, makeReader);
}

/** The entry of a name in a bounded cache, made on first use. */
function byName<T>(cache: Map<string, T>, name: string, make: (name: string) => T): T {
  let entry = cache.get(name);
  if (entry === undefined) {
    entry = make(name);
    if (cache.size >= 10_000) cache.clear();
    cache.set(name, entry);
  }
  return entry;
}

function makeReader(name: string): VariableReader {
  const lower = name.toLowerCase();
  if (lower === "true") return () => true;
  if (lower === "false") return () => false;
  if (lower === "null") return () => null;
  if (lower === "psitem") return (variables) => variables.getLower("_");
  const scoped = /^(\w+):(.+)$/.exec(lower);
  if (scoped) {
    const [, drive = "", rest = ""] = scoped;
    if (drive === "env") return (variables, node) => variables.readEnvironment(rest, node);
    if (drive === "script" || drive === "global") {
      return (variables) => variables.global.variables.get(rest) ?? null;
    }
    if (drive === "local") return (variables) => variables.current.variables.get(rest) ?? null;
    return (variables, node) => {
      throw variables.refuse(node, `variable drive ${drive}:`);
    };
  }
  if (lower === "$" || lower === "^" || unmodelledAutomaticVariables.has(lower)) {
    return (variables, node) => {
      throw variables.refuse(node, `automatic variable $${name}`);
    };
  }
  return (variables) => variables.getLower(lower);
}

/** The writer of `$name = value`: constants are read-only, drives pick the scope. */
export function variableWriter(name: string): VariableWriter {
  return byName(writers, name, makeWriter);
}

function makeWriter(name: string): VariableWriter {
  const lower = name.toLowerCase();
  if (lower === "null") return () => undefined;
  if (lower === "true" || lower === "false") {
    return () => {
      throw new PowerShellError(
        `Cannot overwrite variable ${name} because it is read-only or constant.`,
      );
    };
  }
  const scoped = /^(\w+):(.+)$/.exec(name);
  if (scoped) {
    const [, drive = "", rest = ""] = scoped;
    const driveLower = drive.toLowerCase();
    const restLower = rest.toLowerCase();
    if (driveLower === "env") return (variables, value) => variables.writeEnvironment(rest, value);
    if (driveLower === "script" || driveLower === "global") {
      return (variables, value) => variables.global.variables.set(restLower, value);
    }
    if (driveLower === "local") {
      return (variables, value) => variables.current.variables.set(restLower, value);
    }
    return (variables, _value, node) => {
      throw variables.refuse(node, `variable drive ${drive}:`);
    };
  }
  return (variables, value) => variables.current.variables.set(lower, value);
}

/** The name of a `$variable` node, without the `$`; splatting (`@args`) is refused. */
export function variableName(script: ParsedScript, node: SyntaxNode): string {
  return keptFor(variableNames, node, (variable) => {
    const text = textOf(script, variable);
    if (text.startsWith("@")) throw unsupportedAt(script, variable, "splatting");
    return text.slice(1);
  });
}

/** Variable names by node, read once (a node belongs to one script text). */
const variableNames = new WeakMap<SyntaxNode, string>();
