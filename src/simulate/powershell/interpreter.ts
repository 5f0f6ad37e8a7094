import {
  ExitSignal,
  LoopSignal,
  PowerShellError,
  ReturnSignal,
  type FlowSignal,
} from "./errors.js";
import { bindScriptParameters } from "./parameters.js";
import { Runtime, type Emit } from "./runtime.js";
import { collect, runStatements } from "./statements.js";
import { writeOutput } from "./streams.js";
import { childOfType, type SyntaxNode } from "./tree.js";
import type { PsValue } from "./values.js";

/**
 * The interpreter of one run: binds the script's arguments, runs its statements, and turns how
 * the script ended (exit, an uncaught error) into an exit code. The work is done by the parts
 * the Runtime names; this class only wires the Runtime's statement entry points to
 * statements.ts.
 */
export class Interpreter extends Runtime {
  /** Every call the script made, in order (`logoff 3`, `invoke-rduserlogoff ...`, `start-sleep -Seconds 5`). */
  get calls(): string[] {
    return this.callLog.lines;
  }

  /** Runs the whole script with its command-line arguments; returns the exit code. */
  run(args: string[]): number {
    const root = this.script.root;
    try {
      const paramBlock = childOfType(root, "param_block");
      if (paramBlock) bindScriptParameters(this, paramBlock, args);
      else if (args.length > 0) this.variables.set("args", [...args], this.variables.global);
      const body = childOfType(root, "statement_list");
      // A break, continue or return that ends the script ends it with 0, as success does.
      if (body) this.runStatements(body, (value) => writeOutput(this, value, root));
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

  runStatements(list: SyntaxNode, emit: Emit): FlowSignal | undefined {
    return runStatements(this, list, emit);
  }

  collect(node: SyntaxNode): PsValue[] {
    return collect(this, node);
  }
}
