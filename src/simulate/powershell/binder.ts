import { PowerShellError } from "./errors.js";
import { PsScriptBlock, enumerate, toBool, toInt, toStr, type PsValue } from "./values.js";
import { keptFor } from "../kept.js";

/**
 * Parameter binding shared by the script's `param()`, functions and the built-in cmdlets:
 * names match case-insensitively by unique prefix (`-Unified` binds `-UnifiedSessionID`),
 * `-Name:value` binds explicitly, switches take no value, the rest binds by position.
 */

/** The types a parameter converts its argument to. */
export type ParameterType = "any" | "switch" | "string" | "string[]" | "int" | "scriptblock";

/** One declared parameter. */
export interface ParameterSpec {
  /** Canonical name, as the cmdlet's documentation spells it (`UnifiedSessionID`). */
  name: string;
  type: ParameterType;
  /** Position for unnamed arguments; undefined: named only. */
  position?: number;
  aliases?: string[];
  /** Collects the positional arguments left over (ValueFromRemainingArguments). */
  remainingArguments?: boolean;
}

/** One argument as written on the command line. */
export type CommandArgument =
  | { kind: "parameter"; name: string; text: string; value?: PsValue }
  | { kind: "value"; value: PsValue };

/** The common parameters every advanced command accepts, with their documented aliases. */
export const commonParameters: ParameterSpec[] = [
  { name: "ErrorAction", type: "string", aliases: ["ea"] },
  { name: "WarningAction", type: "string", aliases: ["wa"] },
  { name: "Verbose", type: "switch", aliases: ["vb"] },
  { name: "WhatIf", type: "switch", aliases: ["wi"] },
  { name: "Confirm", type: "switch", aliases: ["cf"] },
];

/** Converts a bound argument to its parameter's type (PowerShell's argument transformation). */
export function convertArgument(spec: ParameterSpec, value: PsValue): PsValue {
  switch (spec.type) {
    case "switch":
      return toBool(value);
    case "string":
      return value === null ? null : toStr(value);
    case "string[]":
      return value === null ? null : enumerate(value).map(toStr);
    case "int":
      return toInt(value);
    case "scriptblock":
      if (!(value instanceof PsScriptBlock)) {
        throw new PowerShellError(
          `Cannot bind parameter '${spec.name}'. Cannot convert the "${toStr(value)}" value of type "${typeof value}" to type "System.Management.Automation.ScriptBlock".`,
          "System.Management.Automation.ParameterBindingException",
        );
      }
      return value;
    default:
      return value;
  }
}

/** The outcome of binding: values by canonical name, and the unbound positional rest. */
export interface BoundParameters {
  values: Map<string, PsValue>;
  rest: PsValue[];
}

/**
 * What binding needs of a parameter list, found once per list (a cmdlet's or a function's list
 * is the same array on every call): how each name a script writes resolves, the positional
 * parameters in order and the one that collects the rest.
 */
interface SpecIndex {
  resolved: Map<string, Resolution>;
  known: Map<string, boolean>;
  positional: ParameterSpec[];
  remaining: ParameterSpec | undefined;
}

/** How a lower-case parameter name resolves: one spec, several by prefix, or none. */
type Resolution = { spec: ParameterSpec } | { ambiguous: ParameterSpec[] } | { missing: true };

const specIndexes = new WeakMap<readonly ParameterSpec[], SpecIndex>();

function indexOf(specs: ParameterSpec[]): SpecIndex {
  return keptFor(specIndexes, specs, (list) => ({
    resolved: new Map(),
    known: new Map(),
    positional: list
      .filter((spec) => spec.position !== undefined)
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0)),
    remaining: list.find((spec) => spec.remainingArguments),
  }));
}

/** Whether a lower-case name is a parameter's name, a prefix of one, or an alias. */
function isKnown(specs: ParameterSpec[], lower: string): boolean {
  const known = indexOf(specs).known;
  let answer = known.get(lower);
  if (answer === undefined) {
    answer = specs.some(
      (spec) =>
        spec.name.toLowerCase().startsWith(lower) || spec.aliases?.some((alias) => alias === lower),
    );
    known.set(lower, answer);
  }
  return answer;
}

/**
 * The first named argument that matches no parameter at all, for commands whose parameter
 * list the simulator models only in part (an unmodelled parameter is not a script bug).
 */
export function unknownParameter(
  specs: ParameterSpec[],
  args: CommandArgument[],
): string | undefined {
  for (const arg of args) {
    if (arg.kind !== "parameter") continue;
    if (!isKnown(specs, arg.name.toLowerCase())) return arg.text;
  }
  return undefined;
}

function resolution(specs: ParameterSpec[], lower: string): Resolution {
  const resolved = indexOf(specs).resolved;
  let found = resolved.get(lower);
  if (found === undefined) {
    const exact = specs.find(
      (spec) => spec.name.toLowerCase() === lower || spec.aliases?.some((alias) => alias === lower),
    );
    const prefixed = specs.filter((spec) => spec.name.toLowerCase().startsWith(lower));
    const [only] = prefixed;
    found = exact
      ? { spec: exact }
      : prefixed.length === 1 && only
        ? { spec: only }
        : prefixed.length > 1
          ? { ambiguous: prefixed }
          : { missing: true };
    resolved.set(lower, found);
  }
  return found;
}

function resolveName(name: string, specs: ParameterSpec[], command: string): ParameterSpec {
  const found = resolution(specs, name.toLowerCase());
  if ("spec" in found) return found.spec;
  if ("ambiguous" in found) {
    throw new PowerShellError(
      `Parameter cannot be processed because the parameter name '${name}' is ambiguous. Possible matches include: ${found.ambiguous.map((spec) => `-${spec.name}`).join(" ")}.`,
      "System.Management.Automation.ParameterBindingException",
      command,
    );
  }
  throw new PowerShellError(
    `A parameter cannot be found that matches parameter name '${name}'.`,
    "System.Management.Automation.ParameterBindingException",
    command,
  );
}

/**
 * Binds arguments to parameters. Positional arguments beyond the declared positions are
 * returned in `rest` when `allowRest` (a function's `$args`), an error otherwise.
 */
export function bindParameters(
  command: string,
  specs: ParameterSpec[],
  args: CommandArgument[],
  allowRest: boolean,
): BoundParameters {
  const index = indexOf(specs);
  const values = new Map<string, PsValue>();
  const positional: PsValue[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg) continue;
    if (arg.kind === "value") {
      positional.push(arg.value);
      continue;
    }
    if (index.remaining && !isKnown(specs, arg.name.toLowerCase())) {
      // PowerShell hands an unknown -Name to the ValueFromRemainingArguments parameter.
      positional.push(arg.text);
      continue;
    }
    const spec = resolveName(arg.name, specs, command);
    if (arg.value !== undefined) {
      values.set(spec.name, convertArgument(spec, arg.value));
    } else if (spec.type === "switch") {
      values.set(spec.name, true);
    } else {
      const next = args[i + 1];
      if (!next || next.kind !== "value") {
        throw new PowerShellError(
          `Missing an argument for parameter '${spec.name}'. Specify a parameter of type '${spec.type}' and try again.`,
          "System.Management.Automation.ParameterBindingException",
          command,
        );
      }
      values.set(spec.name, convertArgument(spec, next.value));
      i++;
    }
  }
  const open =
    positional.length === 0 ? [] : index.positional.filter((spec) => !values.has(spec.name));
  const rest: PsValue[] = [];
  const remaining = index.remaining;
  let next = 0;
  for (const value of positional) {
    const spec = open[next++];
    if (spec) {
      values.set(spec.name, convertArgument(spec, value));
    } else if (remaining) {
      const bound = values.get(remaining.name);
      const collected = [...(bound === undefined ? [] : enumerate(bound)), value];
      values.set(remaining.name, convertArgument(remaining, collected));
    } else if (allowRest) {
      rest.push(value);
    } else {
      throw new PowerShellError(
        `A positional parameter cannot be found that accepts argument '${toStr(value)}'.`,
        "System.Management.Automation.ParameterBindingException",
        command,
      );
    }
  }
  return { values, rest };
}
