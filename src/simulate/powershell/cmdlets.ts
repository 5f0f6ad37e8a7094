import type { ParameterSpec } from "./binder.js";
import { PowerShellError } from "./errors.js";
import { simulatedProcessId, type Interpreter, type RdUserSession } from "./interpreter.js";
import { getMember } from "./members.js";
import { sortCompare, valuesEqual } from "./operators.js";
import type { SyntaxNode } from "./syntax.js";
import {
  PsDateTime,
  PsObject,
  PsScriptBlock,
  enumerate,
  formatDateTime,
  toBool,
  toStr,
  type PsValue,
} from "./values.js";

/**
 * The cmdlets of the subset. Each starts as a pipeline Processor: `process` gets one piped
 * item, `end` runs once after the input is exhausted (or at once for a first stage). Cmdlets
 * that act on sessions append to the call log with canonical parameter names, whatever
 * spelling the script used.
 */

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

/** Everything a cmdlet sees of its invocation. */
export interface CmdletContext {
  interpreter: Interpreter;
  name: string;
  node: SyntaxNode;
  /** Bound values by canonical parameter name. */
  parameters: Map<string, PsValue>;
  emit: (value: PsValue) => void;
  redirection: StageRedirection;
  expectingInput: boolean;
  errorAction: PsValue | undefined;
  whatIf: boolean;
  verbose: boolean;
}

/** A built-in cmdlet. */
export interface CmdletDefinition {
  /** Canonical spelling, as the call log and error messages show it. */
  name: string;
  parameters: ParameterSpec[];
  start(context: CmdletContext): Processor;
}

const remoteDesktopModule = "RemoteDesktop";
const rdUserSessionType = "Microsoft.RemoteDesktopServices.Management.RDUserSession";

function notRecognized(name: string): PowerShellError {
  return new PowerShellError(
    `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
    "System.Management.Automation.CommandNotFoundException",
    name,
  );
}

/** The RemoteDesktop module's cmdlets exist only when the world has the module. */
function requireModule(context: CmdletContext): RdUserSession[] {
  const sessions = context.interpreter.rdUserSessions;
  if (!sessions) throw notRecognized(context.name);
  return sessions;
}

function reportError(context: CmdletContext, message: string, exceptionType: string): void {
  context.interpreter.writeError(
    message,
    exceptionType,
    context.name,
    context.errorAction,
    context.redirection,
    context.emit,
  );
}

/** A processor that ignores input and acts once. */
function once(action: () => void): Processor {
  return { process: () => undefined, end: action };
}

function required(context: CmdletContext, name: string): PsValue {
  const value = context.parameters.get(name);
  if (value === undefined || value === null) {
    throw context.interpreter.unsupported(
      context.node,
      `${context.name} without -${name} (it would prompt for it)`,
    );
  }
  return value;
}

function quoteValue(value: string): string {
  return /[\s"]/.test(value) || value === "" ? `"${value.replace(/"/g, '\\"')}"` : value;
}

function sessionObject(session: RdUserSession): PsObject {
  const object = new PsObject("object", rdUserSessionType);
  for (const [key, value] of Object.entries(session)) {
    object.set(
      key,
      typeof value === "number" || typeof value === "string" ? value : toStr(value as PsValue),
    );
  }
  return object;
}

/**
 * A RemoteDesktop cmdlet that acts on one session (HostServer + UnifiedSessionID, bound by
 * name or from a piped session object's properties).
 */
function sessionAction(
  name: string,
  extra: ParameterSpec[],
  act: (session: RdUserSession, sessions: RdUserSession[], context: CmdletContext) => void,
  requireForce: boolean,
): CmdletDefinition {
  return {
    name,
    parameters: [
      { name: "HostServer", type: "string", position: 0 },
      { name: "UnifiedSessionID", type: "int", position: 1 },
      ...extra,
    ],
    start(context) {
      const run = (piped: PsValue | undefined): void => {
        const sessions = requireModule(context);
        const parameters = new Map(context.parameters);
        if (piped instanceof PsObject) {
          for (const property of ["HostServer", "UnifiedSessionID"]) {
            if (!parameters.has(property) && piped.has(property)) {
              parameters.set(property, piped.get(property) ?? null);
            }
          }
        }
        const boundContext = { ...context, parameters };
        const host = toStr(required(boundContext, "HostServer"));
        const id = Number(required(boundContext, "UnifiedSessionID"));
        for (const spec of extra) if (spec.type !== "switch") required(boundContext, spec.name);
        if (requireForce && parameters.get("Force") !== true) {
          throw context.interpreter.unsupported(
            context.node,
            `${name} without -Force (it would prompt for confirmation)`,
          );
        }
        const words = [
          name.toLowerCase(),
          "-HostServer",
          quoteValue(host),
          "-UnifiedSessionID",
          String(id),
        ];
        for (const spec of extra) {
          const value = parameters.get(spec.name);
          if (value === undefined || value === false) continue;
          words.push(`-${spec.name}`);
          if (spec.type !== "switch") words.push(quoteValue(toStr(value)));
        }
        context.interpreter.recordCall(words.join(" "));
        const session = sessions.find(
          (candidate) =>
            candidate.HostServer.toLowerCase() === host.toLowerCase() &&
            candidate.UnifiedSessionId === id,
        );
        if (!session) {
          reportError(
            context,
            `The session with UnifiedSessionID ${id} does not exist on RD Session Host server ${host}.`,
            "System.ArgumentException",
          );
          return;
        }
        act(session, sessions, context);
      };
      return {
        process: (value) => run(value),
        end: () => {
          if (!context.expectingInput) run(undefined);
        },
      };
    },
  };
}

function writeLine(context: CmdletContext, stream: "stdout" | "stderr", text: string): void {
  context.interpreter[stream].push(text);
}

const cmdletList: CmdletDefinition[] = [
  {
    name: "Write-Output",
    parameters: [
      { name: "InputObject", type: "any", position: 0, remainingArguments: true },
      { name: "NoEnumerate", type: "switch" },
    ],
    start(context) {
      return {
        process: (value) => context.emit(value),
        end: () => {
          if (!context.parameters.has("InputObject")) return;
          const value = context.parameters.get("InputObject") ?? null;
          if (context.parameters.get("NoEnumerate") === true) context.emit(value);
          else for (const item of enumerate(value)) context.emit(item);
        },
      };
    },
  },
  {
    name: "Write-Host",
    parameters: [{ name: "Object", type: "any", position: 0, remainingArguments: true }],
    start(context) {
      return {
        process: (value) => writeLine(context, "stdout", toStr(value)),
        end: () => {
          if (context.expectingInput && !context.parameters.has("Object")) return;
          writeLine(
            context,
            "stdout",
            enumerate(context.parameters.get("Object") ?? null)
              .map(toStr)
              .join(" "),
          );
        },
      };
    },
  },
  {
    name: "Write-Warning",
    parameters: [{ name: "Message", type: "string", position: 0 }],
    start(context) {
      return once(() =>
        context.interpreter.writeWarning(
          toStr(context.parameters.get("Message") ?? null),
          context.parameters.get("WarningAction"),
        ),
      );
    },
  },
  {
    name: "Write-Error",
    parameters: [{ name: "Message", type: "string", position: 0 }],
    start(context) {
      return once(() =>
        context.interpreter.writeError(
          toStr(context.parameters.get("Message") ?? null),
          "Microsoft.PowerShell.Commands.WriteErrorException",
          context.interpreter.currentCommand,
          context.errorAction,
          context.redirection,
          context.emit,
        ),
      );
    },
  },
  {
    name: "Write-Verbose",
    parameters: [{ name: "Message", type: "string", position: 0 }],
    start(context) {
      return once(() => {
        if (context.verbose) {
          writeLine(
            context,
            "stderr",
            `VERBOSE: ${toStr(context.parameters.get("Message") ?? null)}`,
          );
        }
      });
    },
  },
  {
    name: "Out-Null",
    parameters: [],
    start() {
      return { process: () => undefined, end: () => undefined };
    },
  },
  {
    name: "Where-Object",
    parameters: [{ name: "FilterScript", type: "scriptblock", position: 0 }],
    start(context) {
      const filter = required(context, "FilterScript") as PsScriptBlock;
      return {
        process: (value) => {
          if (toBool(context.interpreter.evaluateScriptBlock(filter, value))) context.emit(value);
        },
        end: () => undefined,
      };
    },
  },
  {
    name: "ForEach-Object",
    parameters: [{ name: "Process", type: "scriptblock", position: 0 }],
    start(context) {
      const block = required(context, "Process") as PsScriptBlock;
      return {
        process: (value) => context.interpreter.invokeScriptBlock(block, value, context.emit),
        end: () => undefined,
      };
    },
  },
  {
    name: "Select-Object",
    parameters: [
      { name: "Property", type: "string[]", position: 0 },
      { name: "ExpandProperty", type: "string" },
      { name: "First", type: "int" },
      { name: "Last", type: "int" },
      { name: "Skip", type: "int" },
      { name: "Unique", type: "switch" },
    ],
    start(context) {
      const p = context.parameters;
      const items: PsValue[] = [];
      const first = p.get("First") as number | undefined;
      let skipped = 0;
      let passed = 0;
      const shape = (value: PsValue): PsValue[] => {
        const expand = p.get("ExpandProperty");
        if (typeof expand === "string") {
          return enumerate(
            getMember(value, expand, () =>
              context.interpreter.unsupported(context.node, `property ${expand}`),
            ),
          );
        }
        const properties = p.get("Property");
        if (!Array.isArray(properties)) return [value];
        const object = new PsObject("object", "System.Management.Automation.PSCustomObject");
        for (const property of properties) {
          const name = toStr(property);
          object.set(
            name,
            getMember(value, name, () =>
              context.interpreter.unsupported(context.node, `property ${name}`),
            ),
          );
        }
        return [object];
      };
      const streaming = p.get("Last") === undefined && p.get("Unique") !== true;
      return {
        process: (value) => {
          if (!streaming) {
            items.push(value);
            return;
          }
          if (skipped < ((p.get("Skip") as number | undefined) ?? 0)) {
            skipped++;
            return;
          }
          if (first !== undefined && passed >= first) return;
          passed++;
          for (const item of shape(value)) context.emit(item);
        },
        end: () => {
          if (streaming) return;
          let selected = items.slice((p.get("Skip") as number | undefined) ?? 0);
          if (p.get("Unique") === true) {
            selected = selected.filter(
              (item, index) =>
                selected.findIndex((other) => valuesEqual(other, item, true)) === index,
            );
          }
          const last = p.get("Last") as number | undefined;
          if (last !== undefined) selected = last === 0 ? [] : selected.slice(-last);
          if (first !== undefined) selected = selected.slice(0, first);
          for (const item of selected) for (const shaped of shape(item)) context.emit(shaped);
        },
      };
    },
  },
  {
    name: "Sort-Object",
    parameters: [
      { name: "Property", type: "any", position: 0 },
      { name: "Descending", type: "switch" },
      { name: "Unique", type: "switch" },
    ],
    start(context) {
      const items: PsValue[] = [];
      const keys = enumerate(context.parameters.get("Property") ?? null).filter(
        (key) => key !== null,
      );
      const keyOf = (item: PsValue): PsValue[] =>
        keys.length === 0
          ? [item]
          : keys.map((key) =>
              key instanceof PsScriptBlock
                ? context.interpreter.evaluateScriptBlock(key, item)
                : getMember(item, toStr(key), () =>
                    context.interpreter.unsupported(context.node, `property ${toStr(key)}`),
                  ),
            );
      return {
        process: (value) => items.push(value),
        end: () => {
          const direction = context.parameters.get("Descending") === true ? -1 : 1;
          const keyed = items.map((item) => ({ item, key: keyOf(item) }));
          keyed.sort((a, b) => {
            for (let i = 0; i < a.key.length; i++) {
              const order = sortCompare(a.key[i] ?? null, b.key[i] ?? null);
              if (order !== 0) return order * direction;
            }
            return 0;
          });
          let sorted = keyed;
          if (context.parameters.get("Unique") === true) {
            sorted = keyed.filter(
              (entry, index) =>
                index === 0 ||
                !entry.key.every((k, i) => valuesEqual(k, keyed[index - 1]?.key[i] ?? null, false)),
            );
          }
          for (const entry of sorted) context.emit(entry.item);
        },
      };
    },
  },
  {
    name: "Get-Process",
    parameters: [{ name: "Id", type: "int" }],
    start(context) {
      return once(() => {
        const id = required(context, "Id");
        if (id !== simulatedProcessId) {
          reportError(
            context,
            `Cannot find a process with the process identifier ${String(id)}.`,
            "Microsoft.PowerShell.Commands.ProcessCommandException",
          );
          return;
        }
        const sessionId = context.interpreter.setup.currentSessionId;
        if (sessionId === undefined) {
          throw context.interpreter.unsupported(
            context.node,
            "Get-Process without currentSessionId in the world",
          );
        }
        const process = new PsObject("object", "System.Diagnostics.Process");
        process.set("Id", simulatedProcessId);
        process.set("ProcessName", "powershell");
        process.set("SessionId", sessionId);
        context.emit(process);
      });
    },
  },
  {
    name: "Get-Date",
    parameters: [{ name: "Format", type: "string" }],
    start(context) {
      return once(() => {
        const now = new PsDateTime(context.interpreter.clock);
        const format = context.parameters.get("Format");
        context.emit(typeof format === "string" ? formatDateTime(now, format) : now);
      });
    },
  },
  {
    name: "Start-Sleep",
    parameters: [
      { name: "Seconds", type: "int", position: 0 },
      { name: "Milliseconds", type: "int" },
    ],
    start(context) {
      return once(() => {
        const seconds = context.parameters.get("Seconds");
        const milliseconds = context.parameters.get("Milliseconds");
        if (typeof seconds === "number") {
          context.interpreter.clock += seconds * 1000;
          context.interpreter.recordCall(`start-sleep -Seconds ${seconds}`);
        } else if (typeof milliseconds === "number") {
          context.interpreter.clock += milliseconds;
          context.interpreter.recordCall(`start-sleep -Milliseconds ${milliseconds}`);
        } else {
          required(context, "Seconds");
        }
      });
    },
  },
  {
    name: "Add-Content",
    parameters: [
      { name: "Path", type: "string[]", position: 0 },
      { name: "LiteralPath", type: "string[]", aliases: ["pspath"] },
      { name: "Value", type: "any", position: 1 },
    ],
    start(context) {
      const paths = (context.parameters.get("LiteralPath") ??
        context.parameters.get("Path") ??
        null) as string[] | null;
      if (!paths) required(context, "LiteralPath");
      if (!context.parameters.has("LiteralPath") && paths?.some((path) => /[*?[\]]/.test(path))) {
        throw context.interpreter.unsupported(context.node, "Add-Content -Path with wildcards");
      }
      const append = (value: PsValue): void => {
        for (const path of paths ?? []) {
          if (context.whatIf) {
            writeLine(
              context,
              "stdout",
              `What if: Performing the operation "Add Content" on target "Path: ${path}".`,
            );
            continue;
          }
          const key = path.toLowerCase();
          const file = context.interpreter.files.get(key) ?? { path, content: "" };
          file.content += enumerate(value)
            .map((item) => `${toStr(item)}\r\n`)
            .join("");
          context.interpreter.files.set(key, file);
        }
      };
      return {
        process: append,
        end: () => {
          if (context.parameters.has("Value")) append(context.parameters.get("Value") ?? null);
        },
      };
    },
  },
  {
    name: "Get-Module",
    parameters: [
      { name: "Name", type: "string[]", position: 0 },
      { name: "ListAvailable", type: "switch" },
    ],
    start(context) {
      return once(() => {
        const names = (context.parameters.get("Name") as string[] | undefined) ?? ["*"];
        const available = context.interpreter.rdUserSessions !== undefined;
        const visible =
          context.parameters.get("ListAvailable") === true
            ? available
            : context.interpreter.moduleImported;
        const wanted = names.some(
          (name) => name === "*" || name.toLowerCase() === remoteDesktopModule.toLowerCase(),
        );
        if (visible && wanted) {
          const module = new PsObject("object", "System.Management.Automation.PSModuleInfo");
          module.set("Name", remoteDesktopModule);
          context.emit(module);
        }
      });
    },
  },
  {
    name: "Import-Module",
    parameters: [{ name: "Name", type: "string[]", position: 0 }],
    start(context) {
      return once(() => {
        for (const name of (context.parameters.get("Name") as string[] | undefined) ?? []) {
          const available =
            name.toLowerCase() === remoteDesktopModule.toLowerCase() &&
            context.interpreter.rdUserSessions !== undefined;
          if (available) {
            context.interpreter.moduleImported = true;
            continue;
          }
          reportError(
            context,
            `The specified module '${name}' was not loaded because no valid module file was found in any module directory.`,
            "System.IO.FileNotFoundException",
          );
        }
      });
    },
  },
  {
    name: "Get-RDUserSession",
    parameters: [
      { name: "CollectionName", type: "string[]", position: 0 },
      { name: "ConnectionBroker", type: "string", position: 1 },
    ],
    start(context) {
      return once(() => {
        const sessions = requireModule(context);
        if (!context.interpreter.setup.rdDeployment) {
          reportError(
            context,
            "A Remote Desktop Services deployment does not exist in the server pool.",
            "System.InvalidOperationException",
          );
          return;
        }
        const collections = context.parameters.get("CollectionName") as string[] | undefined;
        // A snapshot: a logoff further down the pipeline must not disturb the enumeration.
        for (const session of [...sessions]) {
          const inCollection =
            !collections ||
            collections.some((name) => name.toLowerCase() === session.CollectionName.toLowerCase());
          if (inCollection) context.emit(sessionObject(session));
        }
      });
    },
  },
  sessionAction(
    "Invoke-RDUserLogoff",
    [{ name: "Force", type: "switch" }],
    (session, sessions) => {
      sessions.splice(sessions.indexOf(session), 1);
    },
    true,
  ),
  sessionAction(
    "Disconnect-RDUser",
    [{ name: "Force", type: "switch" }],
    (session) => {
      session.SessionState = "STATE_DISCONNECTED";
    },
    true,
  ),
  sessionAction(
    "Send-RDUserMessage",
    [
      { name: "MessageTitle", type: "string", position: 2 },
      { name: "MessageBody", type: "string", position: 3 },
    ],
    () => undefined,
    false,
  ),
];

/** The built-in cmdlets by lower-case name. */
export const builtinCmdlets: Record<string, CmdletDefinition> = Object.fromEntries(
  cmdletList.map((cmdlet) => [cmdlet.name.toLowerCase(), cmdlet]),
);

/** The default aliases of Windows PowerShell 5.1 for those cmdlets. */
export const cmdletAliases: Record<string, string> = {
  "?": "where-object",
  where: "where-object",
  "%": "foreach-object",
  foreach: "foreach-object",
  select: "select-object",
  sort: "sort-object",
  echo: "write-output",
  write: "write-output",
  sleep: "start-sleep",
  ac: "add-content",
  gmo: "get-module",
  ipmo: "import-module",
};
