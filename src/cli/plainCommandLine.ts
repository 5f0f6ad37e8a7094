import type { Argv, CommandModule, Options, PositionalOptions } from "yargs";

/**
 * The plainest command lines, read without yargs: loading yargs costs more CPU than a warm
 * build or a simulated run. Each command's own builder is replayed on a recorder, so the flags,
 * types, defaults, choices and checks read here are the ones yargs is given. Only this form is
 * read: the command, its required positionals, `--flag` (or a declared one-letter alias) with
 * the value in the next word, each flag once unless it is a list, each list value followed by
 * a flag or the end. Anything else, and every command line a check refuses, is left to yargs,
 * so every message, help and error stays yargs' own.
 */

interface CommandSpec {
  options: Map<string, Options>;
  /** One-letter aliases, to the option they name. */
  aliases: Map<string, string>;
  positionals: Map<string, PositionalOptions>;
  checks: ((argv: Record<string, unknown>) => unknown)[];
}

/** What a command's builder declares, or undefined when it uses anything this reader does not model. */
function recordSpec(
  command: CommandModule,
  globals: Readonly<Record<string, Options>>,
): CommandSpec | undefined {
  const spec: CommandSpec = {
    options: new Map(),
    aliases: new Map(),
    positionals: new Map(),
    checks: [],
  };
  const addOption = (name: string, options: Options): void => {
    spec.options.set(name, options);
    const aliases = options.alias === undefined ? [] : [options.alias].flat();
    for (const alias of aliases) spec.aliases.set(alias, name);
  };
  for (const [name, options] of Object.entries(globals)) addOption(name, options);
  const recorder = {
    option(name: string, options: Options) {
      addOption(name, options);
      return recorder;
    },
    positional(name: string, options: PositionalOptions) {
      spec.positionals.set(name, options);
      return recorder;
    },
    check(check: (argv: Record<string, unknown>) => unknown) {
      spec.checks.push(check);
      return recorder;
    },
    example() {
      return recorder;
    },
  };
  if (typeof command.builder !== "function") return undefined;
  try {
    command.builder(recorder as unknown as Argv);
  } catch {
    return undefined;
  }
  return spec;
}

const camelCase = (name: string): string =>
  name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A value word: not a flag, not empty, not a word yargs would read as a switch's value. */
const isPlainValue = (word: string | undefined): word is string =>
  word !== undefined && word !== "" && !word.startsWith("-") && word !== "true" && word !== "false";

/** A flag's value as yargs types it, or undefined when it is not plainly one. */
function typedValue(options: Options, word: string): string | number | undefined {
  let value: string | number = word;
  if (options.type === "number") {
    if (!/^[1-9][0-9]*$/.test(word)) return undefined;
    value = Number(word);
  } else if (options.type !== "string") return undefined;
  if (options.choices !== undefined && !(options.choices as unknown[]).includes(value)) {
    return undefined;
  }
  return value;
}

/**
 * The command and its arguments as yargs would hand them to the command's handler, or
 * undefined when the command line is not in the plain form (yargs then reads it).
 */
export function plainCommandLine(
  argv: readonly string[],
  commands: readonly CommandModule[],
  globals: Readonly<Record<string, Options>>,
): { command: CommandModule; args: Record<string, unknown> } | undefined {
  const [name, ...words] = argv;
  const command = commands.find(
    (c) => typeof c.command === "string" && c.command.split(" ")[0] === name,
  );
  if (!command || typeof command.command !== "string" || name === undefined) return undefined;
  const slots = command.command.split(" ").slice(1);
  if (!slots.every((slot) => /^<[a-z][a-z-]*>$/.test(slot))) return undefined;
  const spec = recordSpec(command, globals);
  if (!spec) return undefined;
  const given = new Map<string, unknown>();
  const positionals: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    if (!word.startsWith("-")) {
      positionals.push(word);
      continue;
    }
    const long = /^--([a-z][a-z-]*)$/.exec(word)?.[1];
    const short = /^-([a-z])$/.exec(word)?.[1];
    const flag = long ?? (short === undefined ? undefined : spec.aliases.get(short));
    const options = flag === undefined ? undefined : spec.options.get(flag);
    if (flag === undefined || options === undefined) return undefined;
    if (given.has(flag) && !options.array) return undefined;
    if (options.type === "boolean" && !options.array) {
      const next = words[i + 1];
      if (next === "true" || next === "false") return undefined;
      given.set(flag, true);
      continue;
    }
    const valueWord = words[i + 1];
    if (!isPlainValue(valueWord)) return undefined;
    const value = typedValue(options, valueWord);
    if (value === undefined) return undefined;
    i++;
    if (options.array) {
      // yargs' lists take every following value: only one, then a flag or the end, is plain.
      const after = words[i + 1];
      if (after !== undefined && !after.startsWith("-")) return undefined;
      given.set(flag, [...((given.get(flag) as unknown[] | undefined) ?? []), value]);
    } else given.set(flag, value);
  }
  const slotNames = slots.map((slot) => slot.slice(1, -1));
  if (positionals.length !== slotNames.length) return undefined;
  // Untyped positionals may become numbers in yargs.
  if (!slotNames.every((slot) => spec.positionals.get(slot)?.type === "string")) return undefined;
  if (!positionals.every(isPlainValue)) return undefined;
  const args: Record<string, unknown> = { _: [name], $0: "rdlogoff" };
  const set = (key: string, value: unknown, aliases: Options["alias"]): void => {
    for (const alias of [key, camelCase(key), ...(aliases === undefined ? [] : [aliases].flat())])
      args[alias] = value;
  };
  slotNames.forEach((slot, i) => set(slot, positionals[i], spec.positionals.get(slot)?.alias));
  for (const [flag, options] of spec.options) {
    if (given.has(flag)) set(flag, given.get(flag), options.alias);
    else if (options.demandOption) return undefined;
    else if ("default" in options) {
      const value: unknown = options.default;
      set(flag, Array.isArray(value) ? [...(value as unknown[])] : value, options.alias);
    }
  }
  for (const check of spec.checks) {
    try {
      if (check(args) !== true) return undefined;
    } catch {
      return undefined;
    }
  }
  return { command, args };
}
