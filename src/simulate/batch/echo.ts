import type { Command, Redirect } from "./syntax.js";

/**
 * Phase 3 of cmd's line processing (cmd-semantics.md §2): how a command is shown when ECHO is
 * on, and which commands `@` keeps quiet.
 */

/** Whether `@` before the command (or before the left side of `&`, `&&`, `||`, `|`) hides it. */
export function isQuiet(command: Command): boolean {
  switch (command.kind) {
    case "then":
    case "and":
    case "or":
    case "pipe":
      return isQuiet(command.left);
    default:
      return command.quiet;
  }
}

/** How cmd shows a command when ECHO is on (redirections moved to the end as ` 1>file`). */
export function showCommand(command: Command, sub: (text: string) => string): string {
  const redirects = (list: Redirect[]): string =>
    list
      .map(
        (r) =>
          ` ${r.handle}${r.op}${r.duplicate === undefined ? sub(r.target) : `&${r.duplicate}`}`,
      )
      .join("");
  switch (command.kind) {
    case "simple":
      return sub(command.text) + redirects(command.redirects);
    case "rem":
      return command.text;
    case "block":
      return `(${command.body.map((c) => showCommand(c, sub)).join("\r\n")}\r\n)${redirects(command.redirects)}`;
    case "if": {
      const c = command.condition;
      const test =
        c.type === "compare"
          ? `${sub(c.left)} ${c.op === "==" ? "==" : c.op.toUpperCase()} ${sub(c.right)}`
          : `${c.type} ${sub(c.type === "errorlevel" || c.type === "cmdextversion" ? c.value : c.type === "defined" ? c.name : c.path)}`;
      const head = `if ${command.ignoreCase ? "/I " : ""}${command.negate ? "not " : ""}${test} ${showCommand(command.then, sub)}`;
      return command.otherwise ? `${head} else ${showCommand(command.otherwise, sub)}` : head;
    }
    case "for": {
      const mode = command.mode ? `/${command.mode.toUpperCase()} ` : "";
      const options = command.options ? `"${command.options}" ` : "";
      return `for ${mode}${options}%${command.variable} in (${sub(command.set)}) do ${showCommand(command.body, sub)}`;
    }
    case "then":
      return `${showCommand(command.left, sub)}  & ${showCommand(command.right, sub)}`;
    case "and":
      return `${showCommand(command.left, sub)}  && ${showCommand(command.right, sub)}`;
    case "or":
      return `${showCommand(command.left, sub)}  || ${showCommand(command.right, sub)}`;
    case "pipe":
      return `${showCommand(command.left, sub)} | ${showCommand(command.right, sub)}`;
  }
}
