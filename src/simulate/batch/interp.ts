import { isQuiet, showCommand } from "./echo.js";
import { expandPercent } from "./expand.js";
import {
  Shell,
  syntaxIncorrect,
  type BatchContext,
  type Budget,
  type InterpreterSetup,
  type Sink,
} from "./shell.js";
import { execute } from "./statements.js";
import {
  BatchSyntaxError,
  IncompleteInput,
  parseLine,
  parseOutcome,
  type Command,
  type ParseOutcome,
} from "./syntax.js";
import { lineTemplate, referenceValues } from "./lineTemplate.js";

/**
 * Execution: runs a batch script the way cmd.exe does, one line (or parenthesized block) at a
 * time. Each line is read when execution reaches it, percent-expanded (phase 1), parsed
 * (phase 2), echoed when ECHO is on (phase 3), and its commands get FOR variables (phase 4)
 * and delayed expansion (phase 5) as they run (cmd-semantics.md §2). The commands themselves
 * are run by the parts the Shell names; this class reads the lines and wires the Shell's
 * entry points.
 */
export class BatchInterpreter extends Shell {
  /** A fresh budget for a run. */
  static budget(setup: InterpreterSetup): Budget {
    return {
      steps: 0,
      random: setup.randomSeed >>> 0,
      line: 0,
      lineText: "",
    };
  }

  runContext(context: BatchContext): void {
    const outer = this.context;
    this.context = context;
    try {
      while (!context.ended && !this.exited && context.pos < context.script.lines.length) {
        this.jumped = false;
        this.runNextLine(context);
      }
    } finally {
      for (; context.localDepth > 0; context.localDepth--) this.endLocal();
      this.context = outer;
      this.jumped = false;
    }
  }

  execute(command: Command): void {
    execute(this, command);
  }

  child(out: Sink): BatchInterpreter {
    const child = new BatchInterpreter(this.setup, this.budget, {
      vars: new Map(this.vars),
      cwd: this.cwd,
      echoOn: false,
      out,
      err: this.err,
    });
    child.errorLevel = this.errorLevel;
    child.forVars = new Map(this.forVars);
    return child;
  }

  runCommandString(commandLine: string): void {
    let command: Command | undefined;
    try {
      command = parseLine(expandPercent(commandLine, this, "commandLine"));
    } catch (error) {
      if (!(error instanceof BatchSyntaxError || error instanceof IncompleteInput)) throw error;
      this.err(error instanceof BatchSyntaxError ? `${error.message}\r\n` : syntaxIncorrect);
      this.fail(255);
      return;
    }
    if (command) this.execute(command);
  }

  private readLine(context: BatchContext): string {
    const index = context.pos++;
    const line = context.script.lines[index] ?? "";
    this.budget.line = index + 1;
    this.budget.lineText = line;
    return line;
  }

  private runNextLine(context: BatchContext): void {
    const index = context.pos;
    const isLabel = context.script.isLabel[index] ?? false;
    const line = this.readLine(context);
    this.step();
    if (isLabel) return;
    const templates = context.script.templates;
    const template = (templates[index] ??= lineTemplate(line));
    if (template.kind === "filled") {
      const values = referenceValues(template.references, this);
      if (values) {
        this.runCommand(template.fill(values));
        return;
      }
    }
    let text: string;
    let outcome: ParseOutcome;
    if (template.kind === "constant") {
      text = template.text;
      outcome = template.outcome;
    } else {
      text = expandPercent(line, this);
      outcome = parseOutcome(text);
    }
    while (outcome.kind === "incomplete") {
      if (context.pos >= context.script.lines.length) return;
      text += `\n${expandPercent(this.readLine(context), this)}`;
      outcome = parseOutcome(text);
    }
    if (outcome.kind === "syntaxError") {
      this.err(`${outcome.message}\r\n`);
      this.errorLevel = 255;
      this.exited = true;
      return;
    }
    if (outcome.command) this.runCommand(outcome.command);
  }

  /** Phase 3 and on for a line's command: echoed when ECHO is on, then run. */
  private runCommand(command: Command): void {
    if (this.echoOn && !isQuiet(command)) this.echoCommand(showCommand(command, (t) => t));
    this.execute(command);
  }
}
