import {
  once,
  reportError,
  required,
  type CmdletContext,
  type CmdletDefinition,
} from "./cmdletContext.js";
import { evaluateScriptBlock, invokeScriptBlock } from "./functions.js";
import { getMember } from "./members.js";
import { sortCompare, valuesEqual } from "./operators.js";
import { fileCmdlets } from "./fileCmdlets.js";
import { remoteDesktopCmdlets } from "./remoteDesktop.js";
import { writeError, writeWarning } from "./streams.js";
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
import { simulatedProcessId } from "./variables.js";

/**
 * The built-in cmdlets of the subset (output, filtering, sorting, the clock, files), and the
 * table of every built-in by name and alias. The RemoteDesktop module's are in
 * remoteDesktop.ts. A call-log entry uses canonical parameter names, whatever spelling the
 * script used.
 */

function writeLine(context: CmdletContext, stream: "stdout" | "stderr", text: string): void {
  context.runtime[stream].push(text);
}

/** Whether the folder of a file path exists in the world (every folder, when it models none). */
function folderExists(context: CmdletContext, path: string): boolean {
  const folders = context.runtime.setup.world.folders;
  const folder = path.slice(0, path.lastIndexOf("\\")).toLowerCase();
  return (
    folders === undefined || folders.some((f) => f.replace(/\\+$/, "").toLowerCase() === folder)
  );
}

/** Whether the path names a folder of the world (Add-Content refuses to write it). */
function isFolder(context: CmdletContext, path: string): boolean {
  const key = path.replace(/\\+$/, "").toLowerCase();
  return (context.runtime.setup.world.folders ?? []).some(
    (f) => f.replace(/\\+$/, "").toLowerCase() === key,
  );
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
        writeWarning(
          context.runtime,
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
        writeError(
          context.runtime,
          toStr(context.parameters.get("Message") ?? null),
          "Microsoft.PowerShell.Commands.WriteErrorException",
          context.runtime.currentCommand,
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
          if (toBool(evaluateScriptBlock(context.runtime, filter, value))) context.emit(value);
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
        process: (value) => invokeScriptBlock(context.runtime, block, value, context.emit),
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
              context.runtime.unsupported(context.node, `property ${expand}`),
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
              context.runtime.unsupported(context.node, `property ${name}`),
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
                ? evaluateScriptBlock(context.runtime, key, item)
                : getMember(item, toStr(key), () =>
                    context.runtime.unsupported(context.node, `property ${toStr(key)}`),
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
        const sessionId = context.runtime.setup.currentSessionId;
        if (sessionId === undefined) {
          throw context.runtime.unsupported(
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
        const now = new PsDateTime(context.runtime.clock);
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
          context.runtime.clock += seconds * 1000;
          context.runtime.callLog.record(`start-sleep -Seconds ${seconds}`);
        } else if (typeof milliseconds === "number") {
          context.runtime.clock += milliseconds;
          context.runtime.callLog.record(`start-sleep -Milliseconds ${milliseconds}`);
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
        throw context.runtime.unsupported(context.node, "Add-Content -Path with wildcards");
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
          if (!folderExists(context, path)) {
            reportError(
              context,
              `Could not find a part of the path '${path}'.`,
              "System.IO.DirectoryNotFoundException",
            );
            continue;
          }
          if (isFolder(context, path)) {
            reportError(
              context,
              `Unable to write content because it is a directory: '${path}'.`,
              "System.UnauthorizedAccessException",
            );
            continue;
          }
          const file = context.runtime.files.get(key) ?? { path, content: "" };
          file.content += enumerate(value)
            .map((item) => `${toStr(item)}\r\n`)
            .join("");
          context.runtime.files.set(key, file);
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
];

/** The built-in cmdlets by lower-case name. */
export const builtinCmdlets: Record<string, CmdletDefinition> = Object.fromEntries(
  [...cmdletList, ...remoteDesktopCmdlets, ...fileCmdlets].map((cmdlet) => [
    cmdlet.name.toLowerCase(),
    cmdlet,
  ]),
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
