import type { ConsoleCodePage } from "../../listing/codePages.js";
import { StepLimitError, type World } from "../types.js";
import { CallLog } from "./callLog.js";
import type { FlowSignal } from "./errors.js";
import { unsupportedAt, type ParsedScript, type SyntaxNode } from "./tree.js";
import type { PsObject, PsValue } from "./values.js";
import { Variables } from "./variables.js";

/**
 * The state of one run, which every part of the interpreter works on: statements.ts (control
 * flow), pipelines.ts (commands), expressions.ts, parameters.ts, functions.ts, native.ts (the
 * World) and the cmdlets. A part calls the parts below it directly (a statement runs a
 * pipeline, a pipeline evaluates its arguments); running statements from below (`$(...)` in an
 * expression, a function's body) goes through the abstract methods here, which interpreter.ts
 * wires to statements.ts, so no two parts import each other.
 */

/** Where a statement or pipeline stage sends each value it outputs. */
export type Emit = (value: PsValue) => void;

/** One running pipeline stage. */
export interface Processor {
  process(value: PsValue): void;
  end(): void;
}

/** How a command's error stream is redirected (`2>$null`, `2>&1`). */
export interface StageRedirection {
  errors: "console" | "null" | "merge";
  discardOutput: boolean;
}

/** What the interpreter needs from outside. */
export interface InterpreterSetup {
  /** Native programs and the Remote Desktop deployment. */
  world: World;
  computerName: string | undefined;
  environment: Record<string, string>;
  currentSessionId: number | undefined;
  /** Decodes native programs' output bytes, as [Console]::OutputEncoding does. */
  consoleCodePage: ConsoleCodePage;
  now: Date;
  maxSteps: number;
  scriptName: string;
}

/** A `function Name { ... }` the script defined. */
export interface FunctionDefinition {
  name: string;
  node: SyntaxNode;
  parameters: SyntaxNode | undefined;
  body: SyntaxNode | undefined;
  cmdletBinding: boolean;
}

/** One run of a script. */
export abstract class Runtime {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  /** Files the script wrote (Add-Content), by lower-case path. */
  readonly files = new Map<string, { path: string; content: string }>();
  readonly functions = new Map<string, FunctionDefinition>();
  readonly variables: Variables;
  readonly callLog: CallLog;
  steps = 0;
  /** The simulated clock (Get-Date), in milliseconds since the epoch; Start-Sleep advances it. */
  clock: number;
  /** Whether Import-Module RemoteDesktop ran (Get-Module without -ListAvailable lists it). */
  moduleImported = false;
  /** Depth of enclosing `try` blocks: inside one, every terminating error unwinds to it. */
  tryDepth = 0;
  /**
   * Whether the command pipeline running now has failed (an error written, a native
   * program's non-zero exit code); `$?` takes its negation when the pipeline ends. Each
   * pipeline has its own, so an error inside a function does not fail the pipeline that called
   * it (MiscOps.cs InvokePipeline: `$? = !pipelineProcessor.ExecutionFailed`).
   */
  pipelineFailed = false;
  /** The function running now; Write-Error names it (or the script) as the error's source. */
  functionName: string | undefined;
  /** Sets `$Matches` after a successful `-match` (one function for the run, not one per match). */
  readonly setMatches = (table: PsObject): void => this.variables.set("Matches", table);

  constructor(
    readonly script: ParsedScript,
    readonly setup: InterpreterSetup,
  ) {
    this.clock = setup.now.getTime();
    this.variables = new Variables(setup.computerName, setup.environment, (node, construct) =>
      this.unsupported(node, construct),
    );
    this.callLog = new CallLog(setup.world);
  }

  /**
   * Runs a statement list, sending its output to `emit`; returns the break, continue or
   * return that ended it.
   */
  abstract runStatements(list: SyntaxNode, emit: Emit): FlowSignal | undefined;

  /** Runs a statement list or one statement and returns its output. */
  abstract collect(node: SyntaxNode): PsValue[];

  /** Counts one step; throws StepLimitError past the bound. */
  step(): void {
    this.steps++;
    if (this.steps > this.setup.maxSteps) {
      throw new StepLimitError(this.steps, `the script ran more than ${this.setup.maxSteps} steps`);
    }
  }

  unsupported(node: SyntaxNode, construct: string): Error {
    return unsupportedAt(this.script, node, construct);
  }

  /** Marks the running pipeline failed: `$?` is False after it. */
  failPipeline(): void {
    this.pipelineFailed = true;
  }

  /** What PowerShell names as the source of a Write-Error: the function or the script. */
  get currentCommand(): string {
    return this.functionName ?? this.setup.scriptName;
  }
}
