import { StepLimitError, type World } from "../types.js";
import { decodeConsole, type ConsoleCodePage } from "../../listing/codePages.js";
import {
  bindParameters,
  commonParameters,
  convertArgument,
  type CommandArgument,
  type ParameterSpec,
  type ParameterType,
  unknownParameter,
} from "./binder.js";
import {
  builtinCmdlets,
  cmdletAliases,
  type CmdletContext,
  type Processor,
  type StageRedirection,
} from "./cmdlets.js";
import { ExitSignal, LoopSignal, PowerShellError, ReturnSignal } from "./errors.js";
import { callMethod, callStaticMethod, castValue, getMember, scriptCmdlet } from "./members.js";
import {
  applyArithmetic,
  applyComparison,
  unarySplit,
  wildcardToRegExp,
  toRegExp,
  valuesEqual,
} from "./operators.js";
import { textOf, unsupportedAt, type ParsedScript, type SyntaxNode } from "./syntax.js";
import {
  PsChar,
  PsErrorRecord,
  PsObject,
  PsScriptBlock,
  enumerate,
  toBool,
  toInt,
  toStr,
  typeNameOf,
  type PsValue,
} from "./values.js";

/**
 * Runs a parsed script. Output is streamed through `emit` callbacks from stage to stage, so a
 * pipeline interleaves its side effects (native calls, cmdlet calls) as PowerShell does.
 */

/** The process id `$PID` reports; Get-Process -Id answers for it alone. */
export const simulatedProcessId = 4242;

/** An RDUserSession as the fixtures describe it (Get-RDUserSession's properties). */
export interface RdUserSession {
  HostServer: string;
  UnifiedSessionId: number;
  SessionId: number;
  UserName: string;
  DomainName: string;
  CollectionName: string;
  /** `STATE_ACTIVE`, `STATE_DISCONNECTED`, ... */
  SessionState: string;
  /** Milliseconds. */
  IdleTime: number;
}

/** What the interpreter needs from outside. */
export interface InterpreterSetup {
  world: World;
  rdUserSessions: RdUserSession[] | undefined;
  rdDeployment: boolean;
  computerName: string | undefined;
  currentSessionId: number | undefined;
  /** Decodes native programs' output bytes, as [Console]::OutputEncoding does. */
  consoleCodePage: ConsoleCodePage;
  now: Date;
  maxSteps: number;
  scriptName: string;
}

type Emit = (value: PsValue) => void;

class Scope {
  readonly variables = new Map<string, PsValue>();
  constructor(readonly parent?: Scope) {}
}

interface FunctionDefinition {
  name: string;
  node: SyntaxNode;
  parameters: SyntaxNode | undefined;
  body: SyntaxNode | undefined;
  cmdletBinding: boolean;
}

const pipelineTypes = new Set(["pipeline", "pipeline_chain", "command"]);

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

/** Named children of a node. */
function named(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((child) => child.named && child.type !== "comment");
}

function childOfType(node: SyntaxNode, type: string): SyntaxNode | undefined {
  return node.children.find((child) => child.type === type);
}

const typeAliases: Record<string, string> = {
  int: "int",
  int32: "int",
  double: "double",
  string: "string",
  bool: "bool",
  boolean: "bool",
  char: "char",
  timespan: "timespan",
  datetime: "datetime",
  switch: "switch",
  "management.automation.switchparameter": "switch",
  array: "array",
  object: "object",
  hashtable: "hashtable",
  "collections.hashtable": "hashtable",
  pscustomobject: "pscustomobject",
  "management.automation.pscustomobject": "pscustomobject",
  scriptblock: "scriptblock",
  math: "math",
  environment: "environment",
};

/** The interpreter of one run. */
export class Interpreter {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly calls: string[] = [];
  readonly files = new Map<string, { path: string; content: string }>();
  steps = 0;
  clock: number;
  rdUserSessions: RdUserSession[] | undefined;
  private readonly global = new Scope();
  private scope = this.global;
  private readonly functions = new Map<string, FunctionDefinition>();
  private worldCallsSeen = 0;
  /** Depth of enclosing `try` blocks: inside one, every terminating error unwinds to it. */
  private tryDepth = 0;
  /**
   * Whether the command pipeline running now has failed (an error written, a native
   * program's non-zero exit code); `$?` takes its negation when the pipeline ends. Each
   * pipeline has its own, so an error inside a function does not fail the pipeline that called
   * it (MiscOps.cs InvokePipeline: `$? = !pipelineProcessor.ExecutionFailed`).
   */
  private pipelineFailed = false;
  /** The function running now; Write-Error names it (or the script) as the error's source. */
  private functionName: string | undefined;
  /** Whether Import-Module RemoteDesktop ran (Get-Module without -ListAvailable lists it). */
  moduleImported = false;
  private readonly env = new Map<string, { name: string; value: string }>();

  constructor(
    readonly script: ParsedScript,
    readonly setup: InterpreterSetup,
  ) {
    this.clock = setup.now.getTime();
    this.rdUserSessions = setup.rdUserSessions?.map((session) => ({ ...session }));
    for (const [name, value] of [
      ["SystemRoot", "C:\\Windows"],
      ["windir", "C:\\Windows"],
      ["SystemDrive", "C:"],
      ["ComSpec", "C:\\Windows\\system32\\cmd.exe"],
    ] as const) {
      this.env.set(name.toLowerCase(), { name, value });
    }
    if (setup.computerName !== undefined) {
      this.env.set("computername", { name: "COMPUTERNAME", value: setup.computerName });
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

  /** Runs the whole script with its command-line arguments; returns the exit code. */
  run(args: string[]): number {
    const root = this.script.root;
    try {
      const paramBlock = childOfType(root, "param_block");
      if (paramBlock) this.bindScriptParameters(paramBlock, args);
      else if (args.length > 0) this.global.variables.set("args", [...args]);
      const body = childOfType(root, "statement_list");
      if (body) this.runStatements(body, (value) => this.writeOutput(value, root));
      return 0;
    } catch (signal) {
      if (signal instanceof ExitSignal) return signal.exitCode;
      if (signal instanceof ReturnSignal) return 0;
      if (signal instanceof PowerShellError) {
        this.stderr.push(signal.source ? `${signal.source} : ${signal.message}` : signal.message);
        return 1;
      }
      if (signal instanceof LoopSignal) return 0;
      throw signal;
    }
  }

  // ---- host services used by cmdlets and members ----

  /** Counts one step; throws StepLimitError past the bound. */
  step(): void {
    this.steps++;
    if (this.steps > this.setup.maxSteps) {
      throw new StepLimitError(this.steps, `the script ran more than ${this.setup.maxSteps} steps`);
    }
  }

  getVariable(name: string): PsValue {
    const lower = name.toLowerCase();
    for (let scope: Scope | undefined = this.scope; scope; scope = scope.parent) {
      if (scope.variables.has(lower)) return scope.variables.get(lower) ?? null;
    }
    return null;
  }

  setVariable(name: string, value: PsValue, scope: Scope = this.scope): void {
    scope.variables.set(name.toLowerCase(), value);
  }

  /** An effective preference: `-ErrorAction` on the command wins over the variable. */
  preference(variable: string, override: PsValue | undefined): string {
    return toStr(override ?? this.getVariable(variable)).toLowerCase();
  }

  /** Writes a warning as the console shows it. */
  writeWarning(message: string, action: PsValue | undefined): void {
    const preference = this.preference("WarningPreference", action);
    // Under Stop the warning is shown first, then the command stops (MshCommandRuntime.WriteWarning).
    if (preference !== "silentlycontinue" && preference !== "ignore") {
      this.stderr.push(`WARNING: ${message}`);
    }
    if (preference === "stop") {
      throw new PowerShellError(
        `The running command stopped because the preference variable "WarningPreference" or common parameter is set to Stop: ${message}`,
        "System.Management.Automation.ActionPreferenceStopException",
      );
    }
  }

  /** Marks the running pipeline failed: `$?` is False after it. */
  failPipeline(): void {
    this.pipelineFailed = true;
  }

  /** Sets `$?` after a statement or condition that set it to true (see runStatement). */
  private succeeded(): void {
    this.setVariable("?", true, this.global);
  }

  /**
   * A non-terminating error: promoted to a terminating one under `Stop`, else written to the
   * console (or merged into output, or dropped, by the command's redirection).
   */
  writeError(
    message: string,
    exceptionType: string,
    source: string,
    action: PsValue | undefined,
    redirection: StageRedirection,
    emit: Emit,
  ): void {
    this.failPipeline();
    const preference = this.preference("ErrorActionPreference", action);
    if (preference === "stop") throw new PowerShellError(message, exceptionType, source, true);
    if (preference === "silentlycontinue" || preference === "ignore") return;
    if (redirection.errors === "merge") emit(new PsErrorRecord(message, exceptionType));
    else if (redirection.errors === "console") this.stderr.push(`${source} : ${message}`);
  }

  /** What PowerShell names as the source of a Write-Error: the function or the script. */
  get currentCommand(): string {
    return this.functionName ?? this.setup.scriptName;
  }

  /**
   * $PSCmdlet.ShouldProcess: under -WhatIf it prints PowerShell's "What if:" line and says no;
   * otherwise yes (-Confirm, which would prompt, is refused when the script is bound).
   */
  shouldProcess(target: string, operation: string): boolean {
    if (toBool(this.getVariable("WhatIfPreference"))) {
      this.stdout.push(`What if: Performing the operation "${operation}" on target "${target}".`);
      return false;
    }
    return true;
  }

  /** Appends one line to the call log. */
  recordCall(line: string): void {
    this.syncWorldCalls();
    this.calls.push(line);
  }

  private syncWorldCalls(): void {
    const calls = this.setup.world.calls;
    for (; this.worldCallsSeen < calls.length; this.worldCallsSeen++) {
      const call = calls[this.worldCallsSeen];
      if (call) this.calls.push([call.program, ...call.args].join(" "));
    }
  }

  /** Runs a script block with `$_` bound, in the current scope (as ForEach-Object does). */
  invokeScriptBlock(block: PsScriptBlock, dollarUnder: PsValue, emit: Emit): void {
    const node = block.node;
    const saved = this.getOwnVariable("_");
    this.setVariable("_", dollarUnder);
    try {
      const body = this.scriptBlockStatements(node);
      if (body) this.runStatements(body, emit);
    } catch (signal) {
      if (!(signal instanceof ReturnSignal)) throw signal;
    } finally {
      if (saved === undefined) this.scope.variables.delete("_");
      else this.setVariable("_", saved);
    }
  }

  /** Runs a script block and collects its output (a Where-Object filter, a switch condition). */
  evaluateScriptBlock(block: PsScriptBlock, dollarUnder: PsValue): PsValue {
    const out: PsValue[] = [];
    this.invokeScriptBlock(block, dollarUnder, (value) => out.push(value));
    return collapse(out);
  }

  private getOwnVariable(name: string): PsValue | undefined {
    return this.scope.variables.get(name);
  }

  private scriptBlockStatements(node: SyntaxNode): SyntaxNode | undefined {
    const block = childOfType(node, "script_block") ?? node;
    if (childOfType(block, "param_block")) {
      throw unsupportedAt(this.script, block, "param() inside a script block");
    }
    return block.type === "statement_list" ? block : childOfType(block, "statement_list");
  }

  unsupported(node: SyntaxNode, construct: string): Error {
    return unsupportedAt(this.script, node, construct);
  }

  // ---- statements ----

  private runStatements(list: SyntaxNode, emit: Emit): void {
    for (const statement of named(list)) {
      try {
        this.runStatement(statement, emit);
      } catch (error) {
        if (!this.endsOnlyTheStatement(error)) throw error;
        this.setVariable("?", false, this.global);
        // $ErrorActionPreference (not -ErrorAction) also silences statement-terminating errors.
        const preference = this.preference("ErrorActionPreference", undefined);
        if (preference === "silentlycontinue" || preference === "ignore") continue;
        this.stderr.push(error.source ? `${error.source} : ${error.message}` : error.message);
      }
    }
  }

  /** Whether an error is statement-terminating here: reported, then the next statement runs. */
  private endsOnlyTheStatement(error: unknown): error is PowerShellError {
    return (
      error instanceof PowerShellError &&
      !error.scriptTerminating &&
      this.tryDepth === 0 &&
      this.preference("ErrorActionPreference", undefined) !== "stop"
    );
  }

  private runBlock(block: SyntaxNode | undefined, emit: Emit): void {
    const list = block && childOfType(block, "statement_list");
    if (list) this.runStatements(list, emit);
  }

  private runStatement(node: SyntaxNode, emit: Emit): void {
    this.step();
    switch (node.type) {
      case "empty_statement":
        return;
      case "if_statement":
        return this.runIf(node, emit);
      case "foreach_statement":
        return this.runForeach(node, emit);
      case "while_statement":
        return this.runWhile(node, emit);
      case "switch_statement":
        return this.runSwitch(node, emit);
      case "try_statement":
        return this.runTry(node, emit);
      case "flow_control_statement":
        return this.runFlowControl(node, emit);
      case "function_statement":
        return this.defineFunction(node);
      // Windows PowerShell 5.1 sets $? to true after a statement that is an expression, or
      // assigns one (Compiler.cs CompileTrappableExpression); a command pipeline sets it
      // itself, from its own failure (runPipeline).
      case "assignment_expression": {
        this.assign(node);
        const value = named(node)[2];
        if (value && !this.isCommandPipeline(value)) this.succeeded();
        return;
      }
      case "post_increment_expression":
      case "post_decrement_expression":
      case "pre_increment_expression":
      case "pre_decrement_expression":
        this.evaluate(node);
        this.succeeded();
        return;
      default:
        if (pipelineTypes.has(node.type)) return this.runPipeline(node, emit);
        for (const value of enumerate(this.evaluate(node))) emit(value);
        this.succeeded();
    }
  }

  /** Whether a statement runs commands in a pipeline (rather than being an expression). */
  private isCommandPipeline(node: SyntaxNode): boolean {
    return (
      node.type === "command" ||
      (pipelineTypes.has(node.type) && named(node).some((child) => child.type === "command"))
    );
  }

  /**
   * An if or while condition. One that runs a command sets $? to true after it, so that a
   * failed condition does not leave $? false (Compiler.cs CaptureStatementResults).
   */
  private conditionValue(node: SyntaxNode): PsValue {
    const value = this.valueOf(node);
    if (this.runsCommand(node)) this.succeeded();
    return value;
  }

  private runsCommand(node: SyntaxNode): boolean {
    if (node.type === "command") return true;
    if (node.type === "script_block_expression") return false;
    return named(node).some((child) => this.runsCommand(child));
  }

  private runIf(node: SyntaxNode, emit: Emit): void {
    const [condition, block] = named(node);
    if (!condition || !block) throw this.unsupported(node, "if statement shape");
    if (toBool(this.conditionValue(condition))) return this.runBlock(block, emit);
    const elseifs = childOfType(node, "elseif_clauses");
    for (const clause of elseifs ? named(elseifs) : []) {
      const [clauseCondition, clauseBlock] = named(clause);
      if (clauseCondition && toBool(this.conditionValue(clauseCondition))) {
        return this.runBlock(clauseBlock, emit);
      }
    }
    const elseClause = childOfType(node, "else_clause");
    if (elseClause) this.runBlock(childOfType(elseClause, "statement_block"), emit);
  }

  /** Runs a loop body; returns false when `break` ended the loop. */
  private runLoopBody(block: SyntaxNode | undefined, emit: Emit): boolean {
    try {
      this.runBlock(block, emit);
      return true;
    } catch (signal) {
      if (signal instanceof LoopSignal) return signal.kind === "continue";
      throw signal;
    }
  }

  private runForeach(node: SyntaxNode, emit: Emit): void {
    if (childOfType(node, "foreach_parameter")) throw this.unsupported(node, "foreach -parallel");
    const [variable, source, block] = named(node);
    if (!variable || !source || !block) throw this.unsupported(node, "foreach shape");
    const value = this.valueOf(source);
    // Windows PowerShell 3+ runs a foreach over $null zero times.
    const items = value === null ? [] : enumerate(value);
    for (const item of items) {
      this.step();
      this.setVariable(this.variableName(variable), item);
      if (!this.runLoopBody(block, emit)) break;
    }
  }

  private runWhile(node: SyntaxNode, emit: Emit): void {
    const [condition, block] = named(node);
    if (!condition || !block) throw this.unsupported(node, "while shape");
    while (toBool(this.conditionValue(condition))) {
      this.step();
      if (!this.runLoopBody(block, emit)) break;
    }
  }

  private runSwitch(node: SyntaxNode, emit: Emit): void {
    const flags = new Set(
      childOfType(node, "switch_parameters")
        ? named(childOfType(node, "switch_parameters") as SyntaxNode).map((p) =>
            textOf(this.script, p).toLowerCase(),
          )
        : [],
    );
    if (flags.has("-parallel")) throw this.unsupported(node, "switch -parallel");
    const condition = childOfType(node, "switch_condition");
    const conditionPipeline = condition && named(condition)[0];
    if (
      !condition ||
      !conditionPipeline ||
      textOf(this.script, condition).toLowerCase().startsWith("-file")
    ) {
      throw this.unsupported(node, "switch -file");
    }
    const body = childOfType(node, "switch_body");
    const clauses = body && childOfType(body, "switch_clauses");
    const caseSensitive = flags.has("-casesensitive");
    const value = this.valueOf(conditionPipeline);
    const items = value === null ? [null] : enumerate(value);
    outer: for (const item of items) {
      this.step();
      let matched = false;
      let defaultBlock: SyntaxNode | undefined;
      for (const clause of clauses ? named(clauses) : []) {
        const [test, block] = named(clause);
        if (!test || !block) continue;
        if (
          test.type === "switch_clause_condition" &&
          textOf(this.script, test).toLowerCase() === "default"
        ) {
          defaultBlock = block;
          continue;
        }
        if (!this.switchClauseMatches(test, item, flags, caseSensitive)) continue;
        matched = true;
        try {
          this.withDollarUnder(item, () => this.runBlock(block, emit));
        } catch (signal) {
          if (signal instanceof LoopSignal) {
            if (signal.kind === "break") break outer;
            continue outer;
          }
          throw signal;
        }
      }
      if (!matched && defaultBlock) {
        try {
          this.withDollarUnder(item, () => this.runBlock(defaultBlock, emit));
        } catch (signal) {
          if (signal instanceof LoopSignal) {
            if (signal.kind === "break") break;
            continue;
          }
          throw signal;
        }
      }
    }
  }

  private withDollarUnder(value: PsValue, action: () => void): void {
    const saved = this.getOwnVariable("_");
    this.setVariable("_", value);
    try {
      action();
    } finally {
      if (saved === undefined) this.scope.variables.delete("_");
      else this.setVariable("_", saved);
    }
  }

  private switchClauseMatches(
    test: SyntaxNode,
    item: PsValue,
    flags: Set<string>,
    caseSensitive: boolean,
  ): boolean {
    const expression = test.type === "switch_clause_condition" ? named(test)[0] : test;
    // A bare word (`abc { ... }`) is a string; anything else is evaluated.
    const pattern = expression ? this.evaluate(expression) : textOf(this.script, test);
    if (pattern instanceof PsScriptBlock) return toBool(this.evaluateScriptBlock(pattern, item));
    if (flags.has("-regex")) {
      const match = toRegExp(toStr(pattern), caseSensitive).exec(toStr(item));
      if (match) {
        applyComparison("-match", toStr(item), toStr(pattern), (table) =>
          this.setVariable("Matches", table),
        );
      }
      return match !== null;
    }
    if (flags.has("-wildcard"))
      return wildcardToRegExp(toStr(pattern), caseSensitive).test(toStr(item));
    return valuesEqual(item, pattern, caseSensitive);
  }

  private runTry(node: SyntaxNode, emit: Emit): void {
    const tryBlock = childOfType(node, "statement_block");
    const catches = childOfType(node, "catch_clauses");
    const finallyClause = childOfType(node, "finally_clause");
    try {
      this.tryDepth++;
      try {
        this.runBlock(tryBlock, emit);
      } finally {
        this.tryDepth--;
      }
    } catch (error) {
      if (!(error instanceof PowerShellError) || !catches) throw error;
      const clause = named(catches).find((candidate) => this.catchMatches(candidate, error));
      if (!clause) throw error;
      // The failed statement's $? holds in the catch block until a statement there runs.
      this.setVariable("?", false, this.global);
      this.withDollarUnder(new PsErrorRecord(error.message, error.exceptionType), () =>
        this.runBlock(childOfType(clause, "statement_block"), emit),
      );
    } finally {
      if (finallyClause) this.runBlock(childOfType(finallyClause, "statement_block"), emit);
    }
  }

  private catchMatches(clause: SyntaxNode, error: PowerShellError): boolean {
    const types = childOfType(clause, "catch_type_list");
    if (!types) return true;
    const caught = exceptionAncestry(error.exceptionType);
    return named(types).some((typeLiteral) => {
      const name = textOf(this.script, typeLiteral)
        .slice(1, -1)
        .toLowerCase()
        .replace(/^system\./, "");
      return caught.includes(name);
    });
  }

  private runFlowControl(node: SyntaxNode, emit: Emit): void {
    const keyword = textOf(this.script, node.children[0] ?? node).toLowerCase();
    const operand = named(node)[0];
    switch (keyword) {
      case "break":
      case "continue":
        if (operand) throw this.unsupported(operand, "loop label");
        throw new LoopSignal(keyword);
      case "return":
        if (operand) this.runStatement(operand, emit);
        throw new ReturnSignal();
      case "exit":
        throw new ExitSignal(operand ? toInt(this.valueOf(operand)) : 0);
      case "throw": {
        const value = operand ? this.valueOf(operand) : null;
        if (value instanceof PsErrorRecord) {
          throw new PowerShellError(value.message, value.exceptionType, undefined, true);
        }
        const message = value === null ? "ScriptHalted" : toStr(value);
        throw new PowerShellError(message, undefined, undefined, true);
      }
      default:
        throw this.unsupported(node, `statement ${keyword}`);
    }
  }

  private defineFunction(node: SyntaxNode): void {
    const keyword = textOf(this.script, node.children[0] ?? node).toLowerCase();
    if (keyword !== "function") throw this.unsupported(node, keyword);
    const nameNode = childOfType(node, "function_name");
    if (!nameNode) throw this.unsupported(node, "function without a name");
    const name = textOf(this.script, nameNode);
    const block = childOfType(node, "script_block");
    const paramBlock = block && childOfType(block, "param_block");
    const declaration = childOfType(node, "function_parameter_declaration");
    if (paramBlock && declaration)
      throw this.unsupported(node, "function with two parameter lists");
    this.functions.set(name.toLowerCase(), {
      name,
      node,
      parameters: paramBlock
        ? childOfType(paramBlock, "parameter_list")
        : declaration && childOfType(declaration, "parameter_list"),
      body: block && (childOfType(block, "statement_list") ?? undefined),
      cmdletBinding: paramBlock ? this.hasCmdletBinding(paramBlock) : false,
    });
  }

  private hasCmdletBinding(paramBlock: SyntaxNode): boolean {
    const attributes = childOfType(paramBlock, "attribute_list");
    for (const attribute of attributes ? named(attributes) : []) {
      const attributeName = childOfType(attribute, "attribute_name");
      const attributeText = textOf(this.script, attributeName ?? attribute).toLowerCase();
      if (attributeName && attributeText === "cmdletbinding") {
        const args = childOfType(attribute, "attribute_arguments");
        for (const arg of args ? named(args) : []) {
          const argName = textOf(this.script, arg.children[0] ?? arg).toLowerCase();
          if (argName !== "supportsshouldprocess" && argName !== "confirmimpact") {
            throw this.unsupported(arg, `CmdletBinding argument ${argName}`);
          }
        }
        return true;
      }
      throw this.unsupported(attribute, `attribute ${textOf(this.script, attribute)}`);
    }
    return false;
  }

  // ---- parameters ----

  private parameterSpecs(
    list: SyntaxNode | undefined,
  ): { spec: ParameterSpec; node: SyntaxNode }[] {
    return (list ? named(list) : []).map((parameter, position) => {
      const variable = childOfType(parameter, "variable");
      if (!variable) throw this.unsupported(parameter, "parameter shape");
      let type: ParameterType = "any";
      let remainingArguments = false;
      const attributes = childOfType(parameter, "attribute_list");
      for (const attribute of attributes ? named(attributes) : []) {
        const typeLiteral = childOfType(attribute, "type_literal");
        if (typeLiteral) type = this.parameterType(typeLiteral);
        else remainingArguments = this.parameterAttribute(attribute) || remainingArguments;
      }
      return {
        spec: {
          name: this.variableName(variable),
          type,
          ...(type === "switch" ? {} : { position }),
          ...(remainingArguments ? { remainingArguments } : {}),
        },
        node: parameter,
      };
    });
  }

  /**
   * `[Parameter(...)]`: only ValueFromRemainingArguments is modelled; returns its value.
   * Mandatory and the rest change binding or prompt, so they are refused.
   */
  private parameterAttribute(attribute: SyntaxNode): boolean {
    const name = childOfType(attribute, "attribute_name");
    if (!name || textOf(this.script, name).toLowerCase() !== "parameter") {
      throw this.unsupported(attribute, `parameter attribute ${textOf(this.script, attribute)}`);
    }
    let remaining = false;
    const args = childOfType(attribute, "attribute_arguments");
    for (const arg of args ? named(args) : []) {
      const [argName, value] = named(arg);
      const argText = argName ? textOf(this.script, argName).toLowerCase() : "";
      if (argText !== "valuefromremainingarguments") {
        throw this.unsupported(arg, `parameter attribute argument ${textOf(this.script, arg)}`);
      }
      remaining = value ? toBool(this.evaluate(value)) : true;
    }
    return remaining;
  }

  private parameterType(typeLiteral: SyntaxNode): ParameterType {
    const text = textOf(this.script, typeLiteral)
      .slice(1, -1)
      .toLowerCase()
      .replace(/^system\./, "");
    const types: Record<string, ParameterType> = {
      switch: "switch",
      string: "string",
      "string[]": "string[]",
      int: "int",
      int32: "int",
      scriptblock: "scriptblock",
      object: "any",
    };
    const type = types[text];
    if (!type) throw this.unsupported(typeLiteral, `parameter type [${text}]`);
    return type;
  }

  /** Binds `param()` values into the current scope, evaluating defaults there. */
  private bindParameterValues(
    specs: { spec: ParameterSpec; node: SyntaxNode }[],
    values: Map<string, PsValue>,
  ): void {
    for (const { spec, node } of specs) {
      if (values.has(spec.name)) {
        this.setVariable(spec.name, values.get(spec.name) ?? null);
        continue;
      }
      const defaultNode = childOfType(node, "script_parameter_default");
      const expression = defaultNode && named(defaultNode)[0];
      const value = expression
        ? convertArgument(spec, this.valueOf(expression))
        : spec.type === "switch"
          ? false
          : null;
      this.setVariable(spec.name, value);
    }
  }

  private bindScriptParameters(paramBlock: SyntaxNode, args: string[]): void {
    const cmdletBinding = this.hasCmdletBinding(paramBlock);
    const specs = this.parameterSpecs(childOfType(paramBlock, "parameter_list"));
    const commandArgs: CommandArgument[] = args.map((arg) => {
      const match = /^-([A-Za-z_?][\w-]*)(?::(.*))?$/s.exec(arg);
      if (!match) return { kind: "value", value: arg };
      const [, name = "", value] = match;
      return value === undefined
        ? { kind: "parameter", name, text: arg }
        : {
            kind: "parameter",
            name,
            text: arg,
            value: value === "$false" ? false : value === "$true" ? true : value,
          };
    });
    const allSpecs = [
      ...specs.map((entry) => entry.spec),
      ...(cmdletBinding ? commonParameters : []),
    ];
    const bound = bindParameters(this.setup.scriptName, allSpecs, commandArgs, !cmdletBinding);
    if (bound.values.get("Confirm") === true) {
      throw this.unsupported(paramBlock, "-Confirm (the simulator cannot answer its prompts)");
    }
    this.bindParameterValues(specs, bound.values);
    if (bound.rest.length > 0) this.setVariable("args", bound.rest);
    if (cmdletBinding) {
      this.setVariable("PSCmdlet", scriptCmdlet(this.setup.scriptName));
      this.applyCommonParameters(bound.values);
    }
  }

  private applyCommonParameters(values: Map<string, PsValue>): void {
    if (values.get("WhatIf") === true) this.setVariable("WhatIfPreference", true);
    if (values.get("Confirm") === true) this.setVariable("ConfirmPreference", "Low");
    if (values.get("Verbose") === true) this.setVariable("VerbosePreference", "Continue");
    const errorAction = values.get("ErrorAction");
    if (errorAction !== undefined) this.setVariable("ErrorActionPreference", errorAction);
    const warningAction = values.get("WarningAction");
    if (warningAction !== undefined) this.setVariable("WarningPreference", warningAction);
  }

  // ---- pipelines and commands ----

  /** Runs a pipeline of commands; `$?` is false after it when it failed, true otherwise. */
  private runPipeline(node: SyntaxNode, emit: Emit): void {
    const outer = this.pipelineFailed;
    this.pipelineFailed = false;
    try {
      this.runPipelineStages(node, emit);
      this.setVariable("?", !this.pipelineFailed, this.global);
    } finally {
      this.pipelineFailed = outer;
    }
  }

  private runPipelineStages(node: SyntaxNode, emit: Emit): void {
    if (node.type === "pipeline") throw this.unsupported(node, "pipeline shape");
    const [first, ...rest] =
      node.type === "command" ? [node] : named(node).filter((child) => child.type !== "comment");
    if (!first) return;
    // Stage i feeds stage i + 1; the last feeds the caller. Commands bind left to right.
    const processors: Processor[] = [];
    const feed = (index: number): Emit => {
      if (index >= rest.length) return emit;
      return (value) => {
        this.step();
        processors[index]?.process(value);
      };
    };
    const head = first.type === "command" ? this.startCommand(first, feed(0), false) : undefined;
    rest.forEach((stage, index) =>
      processors.push(this.startCommand(stage, feed(index + 1), true)),
    );
    if (head) head.end();
    else for (const value of enumerate(this.evaluate(first))) feed(0)(value);
    for (const processor of processors) processor.end();
  }

  private commandArguments(elements: SyntaxNode | undefined): {
    args: CommandArgument[];
    redirection: StageRedirection;
    words: { text: string; node: SyntaxNode }[];
  } {
    const args: CommandArgument[] = [];
    const words: { text: string; node: SyntaxNode }[] = [];
    const redirection: StageRedirection = { errors: "console", discardOutput: false };
    let colon = false;
    for (const child of elements?.children ?? []) {
      if (child.type === "command_argument_sep") {
        colon = textOf(this.script, child) === ":";
        continue;
      }
      if (child.type === "redirection") {
        this.applyRedirection(child, textOf(this.script, child).replace(/\s+/g, ""), redirection);
        continue;
      }
      if (child.type === "command_parameter") {
        const text = textOf(this.script, child);
        args.push({ kind: "parameter", name: text.replace(/^-+/, ""), text });
        words.push({ text, node: child });
        continue;
      }
      if (!child.named || child.type === "comment") continue;
      let value: PsValue;
      if (child.type === "generic_token") {
        const text = textOf(this.script, child);
        if (/^[1-6*]?>/.test(text)) {
          this.applyRedirection(child, text, redirection);
          continue;
        }
        value = this.expandBareword(text, child);
      } else {
        value = this.evaluate(child);
      }
      const previous = args[args.length - 1];
      if (colon && previous?.kind === "parameter" && previous.value === undefined) {
        previous.value = value;
        const word = words[words.length - 1];
        if (word) word.text += `:${toStr(value)}`;
      } else {
        args.push({ kind: "value", value });
        for (const item of enumerate(value)) words.push({ text: toStr(item), node: child });
      }
      colon = false;
    }
    return { args, redirection, words };
  }

  private applyRedirection(node: SyntaxNode, text: string, redirection: StageRedirection): void {
    const match = /^([1-6*]?)(>>?)(.*)$/.exec(text);
    const [, stream = "", , target = ""] = match ?? [];
    if (target === "&1" && stream === "2") {
      redirection.errors = "merge";
      return;
    }
    if (target.toLowerCase() === "$null") {
      if (stream === "2" || stream === "*") redirection.errors = "null";
      if (stream === "" || stream === "1" || stream === "*") redirection.discardOutput = true;
      return;
    }
    throw this.unsupported(node, `redirection ${text}`);
  }

  /** Expands an unquoted command argument: `$var`, `$env:X`, quotes and backtick escapes. */
  private expandBareword(text: string, node: SyntaxNode): string {
    let out = "";
    let quote: string | undefined;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] ?? "";
      if (ch === "`") {
        out += text[++i] ?? "";
      } else if (quote === "'") {
        if (ch === "'") quote = undefined;
        else out += ch;
      } else if (ch === "'" && quote === undefined) {
        quote = "'";
      } else if (ch === '"') {
        quote = quote === '"' ? undefined : '"';
      } else if (ch === "$") {
        if (text[i + 1] === "(")
          throw this.unsupported(node, "$(...) inside a bare command argument");
        const match = /^\$((?:[A-Za-z]\w*:)?\w+)/.exec(text.slice(i));
        if (!match) {
          out += ch;
          continue;
        }
        out += toStr(this.readVariable(match[1] ?? "", node));
        i += (match[0]?.length ?? 1) - 1;
      } else {
        out += ch;
      }
    }
    return out;
  }

  private commandName(node: SyntaxNode): {
    name: string;
    nameNode: SyntaxNode;
    elements?: SyntaxNode;
  } {
    const elements = childOfType(node, "command_elements");
    const operator = childOfType(node, "command_invokation_operator");
    const nameNode = named(node).find(
      (child) => child.type !== "command_elements" && child.type !== "command_invokation_operator",
    );
    if (!nameNode) throw this.unsupported(node, "command shape");
    if (!operator)
      return { name: textOf(this.script, nameNode), nameNode, ...(elements ? { elements } : {}) };
    if (textOf(this.script, operator) === ".") throw this.unsupported(operator, "dot-sourcing");
    const name =
      nameNode.type === "path_command_name"
        ? this.expandBareword(textOf(this.script, nameNode), nameNode)
        : nameNode.type === "command_name"
          ? textOf(this.script, nameNode)
          : this.evaluate(nameNode);
    if (typeof name !== "string") throw this.unsupported(nameNode, "invoking a non-string command");
    return { name, nameNode, ...(elements ? { elements } : {}) };
  }

  /** Starts one pipeline stage; `expectingInput` is false for the first stage. */
  private startCommand(node: SyntaxNode, emit: Emit, expectingInput: boolean): Processor {
    const { name, nameNode, elements } = this.commandName(node);
    const { args, redirection, words } = this.commandArguments(elements);
    const output: Emit = redirection.discardOutput ? () => undefined : emit;
    const lower = name.toLowerCase();
    const fn = this.functions.get(lower);
    if (fn) return this.startFunction(fn, args, output, node);
    const cmdletName = cmdletAliases[lower] ?? lower;
    const cmdlet = builtinCmdlets[cmdletName];
    if (cmdlet) {
      const specs = [...cmdlet.parameters, ...commonParameters];
      const unknown = unknownParameter(specs, args);
      if (unknown) throw this.unsupported(node, `parameter ${unknown} of ${cmdlet.name}`);
      const bound = bindParameters(
        cmdlet.name,
        [...cmdlet.parameters, ...commonParameters],
        args,
        false,
      );
      const context: CmdletContext = {
        interpreter: this,
        name: cmdlet.name,
        node,
        parameters: bound.values,
        emit: output,
        redirection,
        expectingInput,
        errorAction: bound.values.get("ErrorAction"),
        whatIf: bound.values.has("WhatIf")
          ? bound.values.get("WhatIf") === true
          : toBool(this.getVariable("WhatIfPreference")),
        verbose: bound.values.has("Verbose")
          ? bound.values.get("Verbose") === true
          : this.preference("VerbosePreference", undefined) === "continue",
      };
      if (bound.values.get("Confirm") === true) {
        throw this.unsupported(node, `-Confirm on ${cmdlet.name} (it would prompt)`);
      }
      return cmdlet.start(context);
    }
    return this.startNative(name, nameNode, words, redirection, output);
  }

  private startFunction(
    fn: FunctionDefinition,
    args: CommandArgument[],
    emit: Emit,
    node: SyntaxNode,
  ): Processor {
    return {
      process: () => {
        throw this.unsupported(node, `piping into function ${fn.name}`);
      },
      end: () => {
        this.step();
        const specs = this.parameterSpecs(fn.parameters);
        const allSpecs = [
          ...specs.map((entry) => entry.spec),
          ...(fn.cmdletBinding ? commonParameters : []),
        ];
        const bound = bindParameters(fn.name, allSpecs, args, !fn.cmdletBinding);
        const caller = this.scope;
        const callerFunction = this.functionName;
        this.scope = new Scope(caller);
        this.functionName = fn.name;
        try {
          this.bindParameterValues(specs, bound.values);
          this.setVariable("args", bound.rest);
          if (fn.cmdletBinding) {
            this.setVariable("PSCmdlet", scriptCmdlet(fn.name));
            this.applyCommonParameters(bound.values);
          }
          if (fn.body) this.runStatements(fn.body, emit);
        } catch (signal) {
          if (!(signal instanceof ReturnSignal)) throw signal;
        } finally {
          this.scope = caller;
          this.functionName = callerFunction;
        }
      },
    };
  }

  private startNative(
    name: string,
    nameNode: SyntaxNode,
    words: { text: string; node: SyntaxNode }[],
    redirection: StageRedirection,
    emit: Emit,
  ): Processor {
    const program = name
      .replace(/^.*[\\/]/, "")
      .replace(/\.exe$/i, "")
      .toLowerCase();
    const input: string[] = [];
    return {
      process: (value) => input.push(toStr(value)),
      end: () => {
        // Windows PowerShell 5.1 drops empty arguments and wraps ones with spaces in quotes.
        const tail = words
          .map((word) => word.text)
          .filter((text) => text !== "")
          .map((text) => (/[ \t]/.test(text) && !/^".*"$/.test(text) ? `"${text}"` : text))
          .join(" ");
        const result = this.setup.world.exec(
          program,
          tail,
          input.map((line) => `${line}\r\n`).join(""),
        );
        if (!result) {
          // The grammar reads a bare range (`1..3`) as a command name.
          const construct = /^[\d$].*\.\./.test(name) ? "range operator .." : `command '${name}'`;
          throw this.unsupported(nameNode, construct);
        }
        this.syncWorldCalls();
        this.setVariable("LASTEXITCODE", result.exitCode, this.global);
        if (result.exitCode !== 0) this.failPipeline();
        const codePage = this.setup.consoleCodePage;
        for (const line of outputLines(decodeConsole(result.stdout, codePage))) emit(line);
        const errors = outputLines(decodeConsole(result.stderr, codePage));
        if (redirection.errors === "console") {
          if (result.stderr !== "") this.stderr.push(...errors);
          return;
        }
        // In 5.1 each redirected stderr line is an error record written through WriteError,
        // which fails the pipeline even when the program exits 0 (pwsh 7.1+ does not).
        if (errors.length > 0) this.failPipeline();
        for (const line of errors) {
          // In 5.1 a redirected stderr line is an error record, terminating under Stop.
          if (this.preference("ErrorActionPreference", undefined) === "stop") {
            throw new PowerShellError(
              line,
              "System.Management.Automation.RemoteException",
              program,
              true,
            );
          }
          if (redirection.errors === "merge") {
            emit(new PsErrorRecord(line, "System.Management.Automation.RemoteException"));
          }
        }
      },
    };
  }

  // ---- expressions ----

  /** The value of a pipeline position: pipelines collect their output, expressions do not unroll. */
  valueOf(node: SyntaxNode): PsValue {
    if (pipelineTypes.has(node.type)) return collapse(this.collect(node));
    return this.evaluate(node);
  }

  private collect(node: SyntaxNode): PsValue[] {
    const out: PsValue[] = [];
    if (node.type === "statement_list") this.runStatements(node, (value) => out.push(value));
    else this.runStatement(node, (value) => out.push(value));
    return out;
  }

  private variableName(node: SyntaxNode): string {
    const text = textOf(this.script, node);
    if (text.startsWith("@")) throw this.unsupported(node, "splatting");
    return text.slice(1);
  }

  private readVariable(name: string, node: SyntaxNode): PsValue {
    const lower = name.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    if (lower === "null") return null;
    if (lower === "psitem") return this.getVariable("_");
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
      if (drive === "local") return this.scope.variables.get(rest) ?? null;
      throw this.unsupported(node, `variable drive ${drive}:`);
    }
    if (lower === "$" || lower === "^" || unmodelledAutomaticVariables.has(lower)) {
      throw this.unsupported(node, `automatic variable $${name}`);
    }
    return this.getVariable(lower);
  }

  private writeVariable(name: string, value: PsValue, node: SyntaxNode): void {
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
        this.setVariable(rest, value, this.global);
      else if (driveLower === "local") this.setVariable(rest, value);
      else throw this.unsupported(node, `variable drive ${drive}:`);
      return;
    }
    this.setVariable(name, value);
  }

  private evaluate(node: SyntaxNode): PsValue {
    switch (node.type) {
      case "variable":
        return this.readVariable(this.variableName(node), node);
      case "decimal_integer_literal":
        return integerLiteral(textOf(this.script, node));
      case "hexadecimal_integer_literal":
        return integerLiteral(textOf(this.script, node));
      case "real_literal":
        return integerLiteral(textOf(this.script, node));
      case "verbatim_string_characters":
        return this.verbatimString(node);
      case "expandable_string_literal":
        return this.expandString(node);
      case "array_literal_expression":
        return named(node).map((child) => this.evaluate(child));
      case "expression_with_unary_operator":
        return this.unary(node);
      case "cast_expression": {
        const [typeLiteral, operand] = named(node);
        if (!typeLiteral || !operand) throw this.unsupported(node, "cast shape");
        return this.cast(typeLiteral, this.evaluate(operand));
      }
      case "comparison_expression":
      case "comparison_argument_expression": {
        const [left, operator, right] = node.children;
        if (!left || !operator || !right) throw this.unsupported(node, "comparison shape");
        return applyComparison(
          textOf(this.script, operator),
          this.evaluate(left),
          this.evaluate(right),
          (table) => this.setVariable("Matches", table),
        );
      }
      case "logical_expression":
      case "logical_argument_expression":
      case "bitwise_argument_expression": {
        const [left, operator, right] = node.children;
        if (!left || !operator || !right) throw this.unsupported(node, "logical shape");
        const leftValue = toBool(this.evaluate(left));
        const isAnd = textOf(this.script, operator).toLowerCase() === "-and";
        if (isAnd ? !leftValue : leftValue) return leftValue;
        return toBool(this.evaluate(right));
      }
      case "additive_expression":
      case "additive_argument_expression":
      case "multiplicative_expression":
      case "multiplicative_argument_expression":
      case "format_expression":
      case "format_argument_expression": {
        const [left, operator, right] = node.children;
        if (!left || !operator || !right) throw this.unsupported(node, "arithmetic shape");
        return applyArithmetic(
          textOf(this.script, operator).toLowerCase(),
          this.evaluate(left),
          this.evaluate(right),
        );
      }
      case "parenthesized_expression": {
        const inner = named(node)[0];
        return inner ? this.valueOf(inner) : null;
      }
      case "sub_expression": {
        const list = childOfType(node, "statement_list");
        return list ? collapse(this.collect(list)) : null;
      }
      case "array_expression": {
        const list = childOfType(node, "statement_list");
        return list ? this.collect(list) : [];
      }
      case "script_block_expression":
        return new PsScriptBlock(node, textOf(this.script, node));
      case "hash_literal_expression":
        return this.hashLiteral(node);
      case "member_access":
        return this.memberAccess(node);
      case "invokation_expression":
        return this.invocation(node);
      case "element_access":
        return this.elementAccess(node);
      case "assignment_expression":
        return this.assign(node);
      case "post_increment_expression":
      case "post_decrement_expression":
      case "pre_increment_expression":
      case "pre_decrement_expression":
        return this.increment(node);
      case "type_literal":
        throw this.unsupported(node, `type literal ${textOf(this.script, node)} as a value`);
      default:
        if (pipelineTypes.has(node.type)) return this.valueOf(node);
        throw this.unsupported(node, `expression ${node.type.replace(/_/g, " ")}`);
    }
  }

  private unary(node: SyntaxNode): PsValue {
    const first = node.children[0];
    const operand = named(node).find((child) => child !== first) ?? named(node)[0];
    if (!first || !operand) throw this.unsupported(node, "unary shape");
    if (first.named) return this.evaluate(first);
    const operator = textOf(this.script, first).toLowerCase();
    const value = this.evaluate(operand);
    switch (operator) {
      case ",":
        return [value];
      case "-not":
      case "!":
        return !toBool(value);
      case "-":
        return applyArithmetic("-", 0, value);
      case "+":
        return applyArithmetic("+", 0, value);
      case "-split":
        return unarySplit(value);
      case "-join":
        return enumerate(value).map(toStr).join("");
      default:
        throw this.unsupported(first, `operator ${operator}`);
    }
  }

  private typeName(typeLiteral: SyntaxNode): string {
    const text = textOf(this.script, typeLiteral)
      .replace(/^\[|\]$/g, "")
      .replace(/\s+/g, "");
    const lower = text.toLowerCase().replace(/^system\./, "");
    const array = lower.endsWith("[]");
    const base = typeAliases[array ? lower.slice(0, -2) : lower];
    if (!base) throw this.unsupported(typeLiteral, `type [${text}]`);
    return array ? `${base}[]` : base;
  }

  private cast(typeLiteral: SyntaxNode, value: PsValue): PsValue {
    return castValue(this.typeName(typeLiteral), value, () =>
      this.unsupported(typeLiteral, `cast to ${textOf(this.script, typeLiteral)}`),
    );
  }

  private verbatimString(node: SyntaxNode): string {
    const raw = textOf(this.script, node);
    let out = "";
    for (let i = 1; i < raw.length - 1; i++) {
      const ch = raw[i] ?? "";
      if (isSingleQuote(ch)) {
        const next = raw[i + 1] ?? "";
        // PowerShell ends a '...' string at any of its five single quotes unless doubled.
        if (!isSingleQuote(next) || i + 1 >= raw.length - 1) {
          throw this.unsupported(
            node,
            "single-quoted string the grammar and PowerShell split differently",
          );
        }
        out += next;
        i++;
      } else {
        out += ch;
      }
    }
    return out;
  }

  private expandString(node: SyntaxNode): string {
    const raw = textOf(this.script, node);
    const parts = named(node);
    let out = "";
    let i = node.start + 1;
    const end = node.end - 1;
    const source = this.script.source;
    const escapes: Record<string, string> = {
      "0": "\0",
      a: "\x07",
      b: "\b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "\t",
      v: "\v",
    };
    while (i < end) {
      const part = parts.find((candidate) => candidate.start === i);
      if (part) {
        out += toStr(this.evaluate(part));
        i = part.end;
        continue;
      }
      const ch = source[i] ?? "";
      if (ch === "`") {
        const next = source[i + 1] ?? "";
        out += escapes[next] ?? next;
        i += 2;
      } else if (isDoubleQuote(ch)) {
        const next = source[i + 1] ?? "";
        if (!isDoubleQuote(next) || i + 1 >= end) {
          throw this.unsupported(node, `double-quoted string ${raw}`);
        }
        out += next;
        i += 2;
      } else {
        out += ch;
        i++;
      }
    }
    return out;
  }

  private hashLiteral(node: SyntaxNode): PsObject {
    const table = new PsObject("hashtable", "System.Collections.Hashtable");
    const body = childOfType(node, "hash_literal_body");
    for (const entry of body ? named(body) : []) {
      const [key, value] = named(entry);
      if (!key || !value) throw this.unsupported(entry, "hashtable entry shape");
      // A bare name is a string key; any other key keeps its type (@{ 1 = 'one' } has an int key).
      const keyValue = key.type === "simple_name" ? textOf(this.script, key) : this.evaluate(key);
      if (table.has(keyValue)) {
        throw new PowerShellError(
          `Duplicate keys '${toStr(keyValue)}' are not allowed in hash literals.`,
        );
      }
      table.set(keyValue, this.valueOf(value));
    }
    return table;
  }

  private memberName(node: SyntaxNode): string {
    if (node.type === "simple_name") return textOf(this.script, node);
    const value = this.evaluate(node);
    if (typeof value !== "string") throw this.unsupported(node, "computed member name");
    return value;
  }

  private memberAccess(node: SyntaxNode): PsValue {
    const [target, separator, member] = node.children;
    if (!target || !separator || !member) throw this.unsupported(node, "member access shape");
    const name = this.memberName(member);
    if (textOf(this.script, separator) === "::") {
      if (target.type !== "type_literal") throw this.unsupported(node, "static member on a value");
      const type = this.typeName(target);
      return callStaticMethod(type, name, undefined, () =>
        this.unsupported(node, `static member [${type}]::${name}`),
      );
    }
    return getMember(this.evaluate(target), name, () => this.unsupported(member, `member ${name}`));
  }

  private invocation(node: SyntaxNode): PsValue {
    const [target, separator, member, argumentList] = node.children;
    if (!target || !separator || !member || !argumentList)
      throw this.unsupported(node, "method call shape");
    const name = this.memberName(member);
    const list = childOfType(argumentList, "argument_expression_list");
    const args = list ? named(list).map((arg) => this.evaluate(arg)) : [];
    if (textOf(this.script, separator) === "::") {
      if (target.type !== "type_literal") throw this.unsupported(node, "static method on a value");
      const type = this.typeName(target);
      return callStaticMethod(type, name, args, () =>
        this.unsupported(node, `static method [${type}]::${name}`),
      );
    }
    const value = this.evaluate(target);
    return callMethod(this, value, name, args, () => this.unsupported(member, `method ${name}()`));
  }

  private elementAccess(node: SyntaxNode): PsValue {
    const [target, index] = named(node);
    if (!target || !index) throw this.unsupported(node, "index shape");
    return indexValue(this.evaluate(target), this.evaluate(index));
  }

  private increment(node: SyntaxNode): PsValue {
    const target = named(node)[0];
    if (!target) throw this.unsupported(node, "increment shape");
    const old = this.evaluate(target);
    const delta = node.type.includes("increment") ? 1 : -1;
    const updated = applyArithmetic("+", old ?? 0, delta);
    this.assignTo(target, updated);
    return node.type.startsWith("post") ? old : updated;
  }

  private assign(node: SyntaxNode): PsValue {
    const [target, operator, valueNode] = named(node);
    if (!target || !operator || !valueNode) throw this.unsupported(node, "assignment shape");
    const op = textOf(this.script, operator);
    let value = this.valueOf(valueNode);
    if (op !== "=") {
      const arithmetic = op.slice(0, -1);
      if (!["+", "-", "*", "/", "%"].includes(arithmetic))
        throw this.unsupported(operator, `operator ${op}`);
      value = applyArithmetic(arithmetic, this.evaluate(target), value);
    }
    return this.assignTo(target, value);
  }

  /** Stores a value into a variable, `[type]$variable`, `$object.Property` or `$array[i]`. */
  private assignTo(target: SyntaxNode, value: PsValue): PsValue {
    switch (target.type) {
      case "variable":
        this.writeVariable(this.variableName(target), value, target);
        return value;
      case "cast_expression": {
        const [typeLiteral, variable] = named(target);
        if (!typeLiteral || variable?.type !== "variable")
          throw this.unsupported(target, "assignment target");
        const converted = this.cast(typeLiteral, value);
        this.writeVariable(this.variableName(variable), converted, variable);
        return converted;
      }
      case "member_access": {
        const [objectNode, separator, member] = target.children;
        if (!objectNode || !member || textOf(this.script, separator ?? target) === "::") {
          throw this.unsupported(target, "assignment target");
        }
        const object = this.evaluate(objectNode);
        const name = this.memberName(member);
        if (object instanceof PsObject && (object.kind === "hashtable" || object.has(name))) {
          object.set(name, value);
          return value;
        }
        throw new PowerShellError(
          `The property '${name}' cannot be found on this object. Verify that the property exists and can be set.`,
        );
      }
      case "element_access": {
        const [objectNode, indexNode] = named(target);
        if (!objectNode || !indexNode) throw this.unsupported(target, "assignment target");
        const object = this.evaluate(objectNode);
        const index = this.evaluate(indexNode);
        if (object instanceof PsObject && object.kind === "hashtable") {
          object.set(index, value);
        } else if (Array.isArray(object)) {
          const i = toInt(index);
          const position = i < 0 ? object.length + i : i;
          if (position < 0 || position >= object.length) {
            throw new PowerShellError(
              "Index was outside the bounds of the array.",
              "System.IndexOutOfRangeException",
            );
          }
          object[position] = value;
        } else {
          throw this.unsupported(target, "indexed assignment into this value");
        }
        return value;
      }
      default:
        throw this.unsupported(target, `assignment to ${target.type.replace(/_/g, " ")}`);
    }
  }

  /** Writes one value that reached the top of the script (the console). */
  private writeOutput(value: PsValue, node: SyntaxNode): void {
    if (value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) this.writeOutput(item, node);
      return;
    }
    if (value instanceof PsErrorRecord) {
      this.stderr.push(value.message);
      return;
    }
    if (value instanceof PsChar) {
      this.stdout.push(value.text);
      return;
    }
    if (typeof value === "object") {
      throw this.unsupported(node, `console formatting of a ${typeNameOf(value)}`);
    }
    this.stdout.push(toStr(value));
  }
}

/**
 * Output text as PowerShell receives it from a native program: lines as .NET's ReadLine splits
 * them (CRLF, LF or a lone CR), a trailing empty one dropped.
 */
function outputLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** A pipeline's collected output as one value: nothing is $null, one item is that item. */
export function collapse(values: PsValue[]): PsValue {
  if (values.length === 0) return null;
  if (values.length === 1) return values[0] ?? null;
  return values;
}

function isSingleQuote(ch: string): boolean {
  return ch === "'" || (ch >= "\u2018" && ch <= "\u201b");
}

function isDoubleQuote(ch: string): boolean {
  return ch === '"' || (ch >= "\u201c" && ch <= "\u201e");
}

const multipliers: Record<string, number> = {
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
  tb: 1024 ** 4,
  pb: 1024 ** 5,
};

function integerLiteral(text: string): number {
  const lower = text.toLowerCase();
  const suffix = /(kb|mb|gb|tb|pb)$/.exec(lower)?.[1];
  const number = suffix ? lower.slice(0, -2) : lower;
  // In a hex literal "d" is a digit (0x043D), not the decimal type suffix; only "l" is a suffix.
  const hex = number.startsWith("0x");
  const body = number.replace(hex ? /l$/ : /[ld]$/, "");
  const value = hex ? parseInt(body.slice(2), 16) : Number(body);
  return value * (suffix ? (multipliers[suffix] ?? 1) : 1);
}

/** `$a[i]`, `$a[-1]`, `$h['key']`, `$s[0]` (a [char]). */
function indexValue(target: PsValue, index: PsValue): PsValue {
  if (target instanceof PsObject) return target.get(index) ?? null;
  if (Array.isArray(index)) return index.map((i) => indexValue(target, i));
  if (Array.isArray(target) || typeof target === "string") {
    const i = toInt(index);
    const position = i < 0 ? target.length + i : i;
    const item = target[position];
    if (item === undefined) return null;
    return typeof target === "string" ? new PsChar(target.charCodeAt(position)) : item;
  }
  if (target === null) {
    throw new PowerShellError("Cannot index into a null array.");
  }
  const i = toInt(index);
  return i === 0 || i === -1 ? target : null;
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
