import { keptFor } from "../kept.js";
import {
  ExitSignal,
  LoopSignal,
  PowerShellError,
  ReturnSignal,
  type FlowSignal,
} from "./errors.js";
import { evaluate, evaluatorOf, valueEvaluatorOf, valueOf, type Evaluator } from "./expressions.js";
import { defineFunction, evaluateScriptBlock } from "./functions.js";
import { applyComparison, toRegExp, valuesEqual, wildcardToRegExp } from "./operators.js";
import { compilePipeline } from "./pipelines.js";
import type { Emit, Runtime } from "./runtime.js";
import {
  childOfType,
  named,
  pipelineTypes,
  textOf,
  type ParsedScript,
  type SyntaxNode,
} from "./tree.js";
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

/**
 * A statement or statement list compiled once per node (see expressions.ts evaluatorOf); it
 * returns the break, continue or return that ended it (see FlowSignal).
 */
type Executor = (runtime: Runtime, emit: Emit) => FlowSignal | undefined;

const statementExecutors = new WeakMap<SyntaxNode, Executor>();
const listExecutors = new WeakMap<SyntaxNode, Executor>();

/**
 * Runs a statement list; a statement-terminating error is reported and the next one runs.
 * Returns the break, continue or return that ended the list.
 */
export function runStatements(
  runtime: Runtime,
  list: SyntaxNode,
  emit: Emit,
): FlowSignal | undefined {
  return listExecutorOf(runtime.script, list)(runtime, emit);
}

/** Runs a statement list or one statement and returns its output. */
export function collect(runtime: Runtime, node: SyntaxNode): PsValue[] {
  const out: PsValue[] = [];
  const run =
    node.type === "statement_list"
      ? listExecutorOf(runtime.script, node)
      : statementExecutorOf(runtime.script, node);
  const ended = run(runtime, (value) => out.push(value));
  // An expression has no loop or function to hand the signal to: it unwinds to one.
  if (ended) throw ended;
  return out;
}

function listExecutorOf(script: ParsedScript, list: SyntaxNode): Executor {
  return keptFor(listExecutors, list, (node) => compileList(script, node));
}

function statementExecutorOf(script: ParsedScript, node: SyntaxNode): Executor {
  return keptFor(statementExecutors, node, (statement) => {
    const run = compileStatement(script, statement);
    return (runtime, emit) => {
      runtime.step();
      return run(runtime, emit);
    };
  });
}

function compileList(script: ParsedScript, list: SyntaxNode): Executor {
  const statements = named(list).map((statement) => statementExecutorOf(script, statement));
  return (runtime, emit) => {
    for (const statement of statements) {
      let ended: FlowSignal | undefined;
      try {
        ended = statement(runtime, emit);
      } catch (error) {
        if (!endsOnlyTheStatement(runtime, error)) throw error;
        setSucceeded(runtime, false);
        // $ErrorActionPreference (not -ErrorAction) also silences statement-terminating errors.
        const preference = runtime.variables.preference("ErrorActionPreference", undefined);
        if (preference === "silentlycontinue" || preference === "ignore") continue;
        runtime.stderr.push(error.source ? `${error.source} : ${error.message}` : error.message);
      }
      if (ended) return ended;
    }
    return undefined;
  };
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
  runtime.variables.global.variables.set("?", value);
}

const doNothing: Executor = () => undefined;

/** The statement list of a block (`{ ... }`), or nothing to run. */
function blockExecutor(script: ParsedScript, block: SyntaxNode | undefined): Executor {
  const list = block && childOfType(block, "statement_list");
  return list ? listExecutorOf(script, list) : doNothing;
}

function runBlock(
  runtime: Runtime,
  block: SyntaxNode | undefined,
  emit: Emit,
): FlowSignal | undefined {
  return blockExecutor(runtime.script, block)(runtime, emit);
}

/** A statement that refuses a construct when reached. */
function refuse(node: SyntaxNode, construct: string): Executor {
  return (runtime) => {
    throw runtime.unsupported(node, construct);
  };
}

function compileStatement(script: ParsedScript, node: SyntaxNode): Executor {
  switch (node.type) {
    case "empty_statement":
      return doNothing;
    case "if_statement":
      return compileIf(script, node);
    case "foreach_statement":
      return compileForeach(script, node);
    case "while_statement":
      return compileWhile(script, node);
    case "switch_statement":
      return (runtime, emit) => runSwitch(runtime, node, emit);
    case "try_statement":
      return compileTry(script, node);
    case "flow_control_statement":
      return compileFlowControl(script, node);
    case "function_statement":
      return (runtime) => {
        defineFunction(runtime, node);
        return undefined;
      };
    // Windows PowerShell 5.1 sets $? to true after a statement that is an expression, or
    // assigns one (Compiler.cs CompileTrappableExpression); a command pipeline sets it
    // itself, from its own failure (compilePipeline).
    case "assignment_expression": {
      const assign = evaluatorOf(script, node);
      const value = named(node)[2];
      const setsSucceeded = value !== undefined && !isCommandPipeline(value);
      return (runtime) => {
        assign(runtime);
        if (setsSucceeded) setSucceeded(runtime, true);
        return undefined;
      };
    }
    case "post_increment_expression":
    case "post_decrement_expression":
    case "pre_increment_expression":
    case "pre_decrement_expression": {
      const increment = evaluatorOf(script, node);
      return (runtime) => {
        increment(runtime);
        setSucceeded(runtime, true);
        return undefined;
      };
    }
    default: {
      if (pipelineTypes.has(node.type)) {
        const pipeline = compilePipeline(script, node);
        return (runtime, emit) => {
          pipeline(runtime, emit);
          return undefined;
        };
      }
      const value = evaluatorOf(script, node);
      return (runtime, emit) => {
        for (const item of enumerate(value(runtime))) emit(item);
        setSucceeded(runtime, true);
        return undefined;
      };
    }
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
function conditionOf(script: ParsedScript, node: SyntaxNode): Evaluator {
  const value = valueEvaluatorOf(script, node);
  if (!runsCommand(node)) return value;
  return (runtime) => {
    const result = value(runtime);
    setSucceeded(runtime, true);
    return result;
  };
}

/** Whether each condition node runs a command, found once per node. */
const conditionRunsCommand = new WeakMap<SyntaxNode, boolean>();

function runsCommand(node: SyntaxNode): boolean {
  return keptFor(conditionRunsCommand, node, (condition) => {
    if (condition.type === "command") return true;
    if (condition.type === "script_block_expression") return false;
    return named(condition).some((child) => runsCommand(child));
  });
}

function compileIf(script: ParsedScript, node: SyntaxNode): Executor {
  const [condition, block] = named(node);
  if (!condition || !block) return refuse(node, "if statement shape");
  const test = conditionOf(script, condition);
  const then = blockExecutor(script, block);
  const elseifs = childOfType(node, "elseif_clauses");
  const clauses = (elseifs ? named(elseifs) : []).map((clause) => {
    const [clauseCondition, clauseBlock] = named(clause);
    return {
      test: clauseCondition && conditionOf(script, clauseCondition),
      run: blockExecutor(script, clauseBlock),
    };
  });
  const elseClause = childOfType(node, "else_clause");
  const otherwise = elseClause && blockExecutor(script, childOfType(elseClause, "statement_block"));
  return (runtime, emit) => {
    if (toBool(test(runtime))) return then(runtime, emit);
    for (const clause of clauses) {
      if (clause.test && toBool(clause.test(runtime))) return clause.run(runtime, emit);
    }
    return otherwise?.(runtime, emit);
  };
}

/**
 * Runs a loop body; returns what ends the loop: a break (also one thrown from a script block or
 * function the body ran), a return, or nothing to go on.
 */
function runLoopBody(runtime: Runtime, body: Executor, emit: Emit): FlowSignal | undefined {
  let ended: FlowSignal | undefined;
  try {
    ended = body(runtime, emit);
  } catch (signal) {
    if (signal instanceof LoopSignal) ended = signal;
    else throw signal;
  }
  return ended?.kind === "continue" ? undefined : ended;
}

function compileForeach(script: ParsedScript, node: SyntaxNode): Executor {
  if (childOfType(node, "foreach_parameter")) return refuse(node, "foreach -parallel");
  const [variable, source, block] = named(node);
  if (!variable || !source || !block) return refuse(node, "foreach shape");
  const sourceValue = valueEvaluatorOf(script, source);
  const body = blockExecutor(script, block);
  return (runtime, emit) => {
    const value = sourceValue(runtime);
    // Windows PowerShell 3+ runs a foreach over $null zero times.
    const items = value === null ? [] : enumerate(value);
    for (const item of items) {
      runtime.step();
      runtime.variables.set(variableName(runtime.script, variable), item);
      const ended = runLoopBody(runtime, body, emit);
      if (ended) return ended.kind === "break" ? undefined : ended;
    }
    return undefined;
  };
}

function compileWhile(script: ParsedScript, node: SyntaxNode): Executor {
  const [condition, block] = named(node);
  if (!condition || !block) return refuse(node, "while shape");
  const test = conditionOf(script, condition);
  const body = blockExecutor(script, block);
  return (runtime, emit) => {
    while (toBool(test(runtime))) {
      runtime.step();
      const ended = runLoopBody(runtime, body, emit);
      if (ended) return ended.kind === "break" ? undefined : ended;
    }
    return undefined;
  };
}

function runSwitch(runtime: Runtime, node: SyntaxNode, emit: Emit): ReturnSignal | undefined {
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
  // Runs a clause's block with $_ bound; returns the break, continue or return that ended it.
  const runClause = (block: SyntaxNode, item: PsValue): FlowSignal | undefined => {
    let ended: FlowSignal | undefined;
    try {
      runtime.variables.withDollarUnder(item, () => {
        ended = runBlock(runtime, block, emit);
      });
    } catch (signal) {
      if (signal instanceof LoopSignal) return signal;
      throw signal;
    }
    return ended;
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
      if (signal instanceof ReturnSignal) return signal;
      if (signal?.kind === "break") break outer;
      if (signal) continue outer;
    }
    if (!matched && defaultBlock) {
      const signal = runClause(defaultBlock, item);
      if (signal instanceof ReturnSignal) return signal;
      if (signal?.kind === "break") break;
    }
  }
  return undefined;
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

function compileTry(script: ParsedScript, node: SyntaxNode): Executor {
  const tryBlock = blockExecutor(script, childOfType(node, "statement_block"));
  const catches = childOfType(node, "catch_clauses");
  const catchClauses =
    catches &&
    named(catches).map((clause) => ({
      clause,
      run: blockExecutor(script, childOfType(clause, "statement_block")),
    }));
  const finallyClause = childOfType(node, "finally_clause");
  const finallyBlock =
    finallyClause && blockExecutor(script, childOfType(finallyClause, "statement_block"));
  const tryAndCatch: Executor = (runtime, emit) => {
    try {
      runtime.tryDepth++;
      try {
        return tryBlock(runtime, emit);
      } finally {
        runtime.tryDepth--;
      }
    } catch (error) {
      if (!(error instanceof PowerShellError) || !catchClauses) throw error;
      const caught = catchClauses.find(({ clause }) => catchMatches(runtime, clause, error));
      if (!caught) throw error;
      // The failed statement's $? holds in the catch block until a statement there runs.
      setSucceeded(runtime, false);
      let ended: FlowSignal | undefined;
      runtime.variables.withDollarUnder(
        new PsErrorRecord(error.message, error.exceptionType),
        () => {
          ended = caught.run(runtime, emit);
        },
      );
      return ended;
    }
  };
  if (!finallyBlock) return tryAndCatch;
  return (runtime, emit) => {
    let ended: FlowSignal | undefined;
    let failure: { error: unknown } | undefined;
    try {
      ended = tryAndCatch(runtime, emit);
    } catch (error) {
      failure = { error };
    }
    // The finally block runs either way; a break, continue or return in it wins.
    const finallyEnded = finallyBlock(runtime, emit);
    if (finallyEnded) return finallyEnded;
    if (failure) throw failure.error;
    return ended;
  };
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

function compileFlowControl(script: ParsedScript, node: SyntaxNode): Executor {
  const keyword = textOf(script, node.children[0] ?? node).toLowerCase();
  const operand = named(node)[0];
  switch (keyword) {
    case "break":
    case "continue":
      if (operand) return refuse(operand, "loop label");
      return () => new LoopSignal(keyword);
    case "return": {
      const result = operand && statementExecutorOf(script, operand);
      return (runtime, emit) => result?.(runtime, emit) ?? new ReturnSignal();
    }
    case "exit": {
      const code = operand && valueEvaluatorOf(script, operand);
      return (runtime) => {
        throw new ExitSignal(code ? toInt(code(runtime)) : 0);
      };
    }
    case "throw": {
      const thrown = operand && valueEvaluatorOf(script, operand);
      return (runtime) => {
        const value = thrown ? thrown(runtime) : null;
        if (value instanceof PsErrorRecord) {
          throw new PowerShellError(value.message, value.exceptionType, undefined, true);
        }
        const message = value === null ? "ScriptHalted" : toStr(value);
        throw new PowerShellError(message, undefined, undefined, true);
      };
    }
    default:
      return refuse(node, `statement ${keyword}`);
  }
}
