import { ExitSignal, LoopSignal, PowerShellError, ReturnSignal } from "./errors.js";
import { assign, evaluate, valueOf } from "./expressions.js";
import { defineFunction, evaluateScriptBlock } from "./functions.js";
import { applyComparison, toRegExp, valuesEqual, wildcardToRegExp } from "./operators.js";
import { runPipeline } from "./pipelines.js";
import type { Emit, Runtime } from "./runtime.js";
import { childOfType, named, pipelineTypes, textOf, type SyntaxNode } from "./tree.js";
import {
  PsErrorRecord,
  PsScriptBlock,
  enumerate,
  toBool,
  toInt,
  toStr,
  type PsValue,
} from "./values.js";
import { variableName } from "./variables.js";

/**
 * Statements: lists of them (where a statement-terminating error ends only its statement),
 * `if`, `foreach`, `while`, `switch`, `try`/`catch`/`finally`, `break`/`continue`/`return`/
 * `exit`/`throw`, and `$?` after each. Commands are run by pipelines.ts.
 */

/** Runs a statement list; a statement-terminating error is reported and the next one runs. */
export function runStatements(runtime: Runtime, list: SyntaxNode, emit: Emit): void {
  for (const statement of named(list)) {
    try {
      runStatement(runtime, statement, emit);
    } catch (error) {
      if (!endsOnlyTheStatement(runtime, error)) throw error;
      setSucceeded(runtime, false);
      // $ErrorActionPreference (not -ErrorAction) also silences statement-terminating errors.
      const preference = runtime.variables.preference("ErrorActionPreference", undefined);
      if (preference === "silentlycontinue" || preference === "ignore") continue;
      runtime.stderr.push(error.source ? `${error.source} : ${error.message}` : error.message);
    }
  }
}

/** Runs a statement list or one statement and returns its output. */
export function collect(runtime: Runtime, node: SyntaxNode): PsValue[] {
  const out: PsValue[] = [];
  if (node.type === "statement_list") runStatements(runtime, node, (value) => out.push(value));
  else runStatement(runtime, node, (value) => out.push(value));
  return out;
}

/** Whether an error is statement-terminating here: reported, then the next statement runs. */
function endsOnlyTheStatement(runtime: Runtime, error: unknown): error is PowerShellError {
  return (
    error instanceof PowerShellError &&
    !error.scriptTerminating &&
    runtime.tryDepth === 0 &&
    runtime.variables.preference("ErrorActionPreference", undefined) !== "stop"
  );
}

/** Sets `$?`: whether the last statement succeeded. */
function setSucceeded(runtime: Runtime, value: boolean): void {
  runtime.variables.set("?", value, runtime.variables.global);
}

function runBlock(runtime: Runtime, block: SyntaxNode | undefined, emit: Emit): void {
  const list = block && childOfType(block, "statement_list");
  if (list) runStatements(runtime, list, emit);
}

function runStatement(runtime: Runtime, node: SyntaxNode, emit: Emit): void {
  runtime.step();
  switch (node.type) {
    case "empty_statement":
      return;
    case "if_statement":
      return runIf(runtime, node, emit);
    case "foreach_statement":
      return runForeach(runtime, node, emit);
    case "while_statement":
      return runWhile(runtime, node, emit);
    case "switch_statement":
      return runSwitch(runtime, node, emit);
    case "try_statement":
      return runTry(runtime, node, emit);
    case "flow_control_statement":
      return runFlowControl(runtime, node, emit);
    case "function_statement":
      return defineFunction(runtime, node);
    // Windows PowerShell 5.1 sets $? to true after a statement that is an expression, or
    // assigns one (Compiler.cs CompileTrappableExpression); a command pipeline sets it
    // itself, from its own failure (runPipeline).
    case "assignment_expression": {
      assign(runtime, node);
      const value = named(node)[2];
      if (value && !isCommandPipeline(value)) setSucceeded(runtime, true);
      return;
    }
    case "post_increment_expression":
    case "post_decrement_expression":
    case "pre_increment_expression":
    case "pre_decrement_expression":
      evaluate(runtime, node);
      setSucceeded(runtime, true);
      return;
    default:
      if (pipelineTypes.has(node.type)) return runPipeline(runtime, node, emit);
      for (const value of enumerate(evaluate(runtime, node))) emit(value);
      setSucceeded(runtime, true);
  }
}

/** Whether a statement runs commands in a pipeline (rather than being an expression). */
function isCommandPipeline(node: SyntaxNode): boolean {
  return (
    node.type === "command" ||
    (pipelineTypes.has(node.type) && named(node).some((child) => child.type === "command"))
  );
}

/**
 * An if or while condition. One that runs a command sets $? to true after it, so that a
 * failed condition does not leave $? false (Compiler.cs CaptureStatementResults).
 */
function conditionValue(runtime: Runtime, node: SyntaxNode): PsValue {
  const value = valueOf(runtime, node);
  if (runsCommand(node)) setSucceeded(runtime, true);
  return value;
}

/** Whether each condition node runs a command, found once per node. */
const conditionRunsCommand = new WeakMap<SyntaxNode, boolean>();

function runsCommand(node: SyntaxNode): boolean {
  let runs = conditionRunsCommand.get(node);
  if (runs === undefined) {
    if (node.type === "command") runs = true;
    else if (node.type === "script_block_expression") runs = false;
    else runs = named(node).some((child) => runsCommand(child));
    conditionRunsCommand.set(node, runs);
  }
  return runs;
}

function runIf(runtime: Runtime, node: SyntaxNode, emit: Emit): void {
  const [condition, block] = named(node);
  if (!condition || !block) throw runtime.unsupported(node, "if statement shape");
  if (toBool(conditionValue(runtime, condition))) return runBlock(runtime, block, emit);
  const elseifs = childOfType(node, "elseif_clauses");
  for (const clause of elseifs ? named(elseifs) : []) {
    const [clauseCondition, clauseBlock] = named(clause);
    if (clauseCondition && toBool(conditionValue(runtime, clauseCondition))) {
      return runBlock(runtime, clauseBlock, emit);
    }
  }
  const elseClause = childOfType(node, "else_clause");
  if (elseClause) runBlock(runtime, childOfType(elseClause, "statement_block"), emit);
}

/** Runs a loop body; returns false when `break` ended the loop. */
function runLoopBody(runtime: Runtime, block: SyntaxNode | undefined, emit: Emit): boolean {
  try {
    runBlock(runtime, block, emit);
    return true;
  } catch (signal) {
    if (signal instanceof LoopSignal) return signal.kind === "continue";
    throw signal;
  }
}

function runForeach(runtime: Runtime, node: SyntaxNode, emit: Emit): void {
  if (childOfType(node, "foreach_parameter")) throw runtime.unsupported(node, "foreach -parallel");
  const [variable, source, block] = named(node);
  if (!variable || !source || !block) throw runtime.unsupported(node, "foreach shape");
  const value = valueOf(runtime, source);
  // Windows PowerShell 3+ runs a foreach over $null zero times.
  const items = value === null ? [] : enumerate(value);
  for (const item of items) {
    runtime.step();
    runtime.variables.set(variableName(runtime.script, variable), item);
    if (!runLoopBody(runtime, block, emit)) break;
  }
}

function runWhile(runtime: Runtime, node: SyntaxNode, emit: Emit): void {
  const [condition, block] = named(node);
  if (!condition || !block) throw runtime.unsupported(node, "while shape");
  while (toBool(conditionValue(runtime, condition))) {
    runtime.step();
    if (!runLoopBody(runtime, block, emit)) break;
  }
}

function runSwitch(runtime: Runtime, node: SyntaxNode, emit: Emit): void {
  const script = runtime.script;
  const parameters = childOfType(node, "switch_parameters");
  const flags = new Set(
    parameters ? named(parameters).map((p) => textOf(script, p).toLowerCase()) : [],
  );
  if (flags.has("-parallel")) throw runtime.unsupported(node, "switch -parallel");
  const condition = childOfType(node, "switch_condition");
  const conditionPipeline = condition && named(condition)[0];
  if (
    !condition ||
    !conditionPipeline ||
    textOf(script, condition).toLowerCase().startsWith("-file")
  ) {
    throw runtime.unsupported(node, "switch -file");
  }
  const body = childOfType(node, "switch_body");
  const clauses = body && childOfType(body, "switch_clauses");
  const caseSensitive = flags.has("-casesensitive");
  const value = valueOf(runtime, conditionPipeline);
  const items = value === null ? [null] : enumerate(value);
  // Runs a clause's block with $_ bound; returns the break or continue that ended it.
  const runClause = (block: SyntaxNode, item: PsValue): LoopSignal | undefined => {
    try {
      runtime.variables.withDollarUnder(item, () => runBlock(runtime, block, emit));
      return undefined;
    } catch (signal) {
      if (signal instanceof LoopSignal) return signal;
      throw signal;
    }
  };
  outer: for (const item of items) {
    runtime.step();
    let matched = false;
    let defaultBlock: SyntaxNode | undefined;
    for (const clause of clauses ? named(clauses) : []) {
      const [test, block] = named(clause);
      if (!test || !block) continue;
      if (
        test.type === "switch_clause_condition" &&
        textOf(script, test).toLowerCase() === "default"
      ) {
        defaultBlock = block;
        continue;
      }
      if (!switchClauseMatches(runtime, test, item, flags, caseSensitive)) continue;
      matched = true;
      const signal = runClause(block, item);
      if (signal?.kind === "break") break outer;
      if (signal) continue outer;
    }
    if (!matched && defaultBlock && runClause(defaultBlock, item)?.kind === "break") break;
  }
}

function switchClauseMatches(
  runtime: Runtime,
  test: SyntaxNode,
  item: PsValue,
  flags: Set<string>,
  caseSensitive: boolean,
): boolean {
  const expression = test.type === "switch_clause_condition" ? named(test)[0] : test;
  // A bare word (`abc { ... }`) is a string; anything else is evaluated.
  const pattern = expression ? evaluate(runtime, expression) : textOf(runtime.script, test);
  if (pattern instanceof PsScriptBlock) {
    return toBool(evaluateScriptBlock(runtime, pattern, item));
  }
  if (flags.has("-regex")) {
    const match = toRegExp(toStr(pattern), caseSensitive).exec(toStr(item));
    if (match) {
      applyComparison("-match", toStr(item), toStr(pattern), (table) =>
        runtime.variables.set("Matches", table),
      );
    }
    return match !== null;
  }
  if (flags.has("-wildcard"))
    return wildcardToRegExp(toStr(pattern), caseSensitive).test(toStr(item));
  return valuesEqual(item, pattern, caseSensitive);
}

function runTry(runtime: Runtime, node: SyntaxNode, emit: Emit): void {
  const tryBlock = childOfType(node, "statement_block");
  const catches = childOfType(node, "catch_clauses");
  const finallyClause = childOfType(node, "finally_clause");
  try {
    runtime.tryDepth++;
    try {
      runBlock(runtime, tryBlock, emit);
    } finally {
      runtime.tryDepth--;
    }
  } catch (error) {
    if (!(error instanceof PowerShellError) || !catches) throw error;
    const clause = named(catches).find((candidate) => catchMatches(runtime, candidate, error));
    if (!clause) throw error;
    // The failed statement's $? holds in the catch block until a statement there runs.
    setSucceeded(runtime, false);
    runtime.variables.withDollarUnder(new PsErrorRecord(error.message, error.exceptionType), () =>
      runBlock(runtime, childOfType(clause, "statement_block"), emit),
    );
  } finally {
    if (finallyClause) runBlock(runtime, childOfType(finallyClause, "statement_block"), emit);
  }
}

function catchMatches(runtime: Runtime, clause: SyntaxNode, error: PowerShellError): boolean {
  const types = childOfType(clause, "catch_type_list");
  if (!types) return true;
  const caught = exceptionAncestry(error.exceptionType);
  return named(types).some((typeLiteral) => {
    const name = textOf(runtime.script, typeLiteral)
      .slice(1, -1)
      .toLowerCase()
      .replace(/^system\./, "");
    return caught.includes(name);
  });
}

/** The exception types a `catch [T]` matches for a thrown type (itself and its bases). */
function exceptionAncestry(type: string): string[] {
  const short = type.toLowerCase().replace(/^system\./, "");
  const bases: Record<string, string[]> = {
    "management.automation.commandnotfoundexception": ["management.automation.runtimeexception"],
    "management.automation.parameterbindingexception": ["management.automation.runtimeexception"],
    "management.automation.remoteexception": ["management.automation.runtimeexception"],
    "management.automation.actionpreferencestopexception": [
      "management.automation.runtimeexception",
    ],
    "management.automation.psinvalidcastexception": ["invalidcastexception"],
    "management.automation.runtimeexception": [],
    argumentoutofrangeexception: ["argumentexception"],
  };
  // Any exception a script statement raises reaches catch as a RuntimeException or wrapped
  // in one, and catch matches the wrapper too (MiscOps.cs FindMatchingHandler).
  const ancestry = [short, ...(bases[short] ?? []), "management.automation.runtimeexception"];
  return [...ancestry, "systemexception", "exception"];
}

function runFlowControl(runtime: Runtime, node: SyntaxNode, emit: Emit): void {
  const keyword = textOf(runtime.script, node.children[0] ?? node).toLowerCase();
  const operand = named(node)[0];
  switch (keyword) {
    case "break":
    case "continue":
      if (operand) throw runtime.unsupported(operand, "loop label");
      throw new LoopSignal(keyword);
    case "return":
      if (operand) runStatement(runtime, operand, emit);
      throw new ReturnSignal();
    case "exit":
      throw new ExitSignal(operand ? toInt(valueOf(runtime, operand)) : 0);
    case "throw": {
      const value = operand ? valueOf(runtime, operand) : null;
      if (value instanceof PsErrorRecord) {
        throw new PowerShellError(value.message, value.exceptionType, undefined, true);
      }
      const message = value === null ? "ScriptHalted" : toStr(value);
      throw new PowerShellError(message, undefined, undefined, true);
    }
    default:
      throw runtime.unsupported(node, `statement ${keyword}`);
  }
}
