import type { RdDeployment, RdSessionCall, RdUserSession } from "../types.js";
import type { ParameterSpec } from "./binder.js";
import {
  once,
  reportError,
  required,
  type CmdletContext,
  type CmdletDefinition,
} from "./cmdletContext.js";
import { PowerShellError } from "./errors.js";
import { PsDateTime, PsObject, toStr, type PsValue } from "./values.js";

/**
 * The RemoteDesktop module: Get-Module and Import-Module for it, Get-RDUserSession, and the
 * cmdlets that act on one session. They reach the Connection Broker through the World's
 * `rdDeployment`, which records every call in the same log as the native programs.
 */

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
function requireModule(context: CmdletContext): RdDeployment {
  const deployment = context.runtime.setup.world.rdDeployment;
  if (!deployment) throw notRecognized(context.name);
  return deployment;
}

function isModuleInstalled(context: CmdletContext): boolean {
  return context.runtime.setup.world.rdDeployment !== undefined;
}

/** A fixture's `yyyy-MM-ddTHH:mm:ss` as a DateTime of the simulated clock (which has no zone). */
function wallClockDateTime(text: string): PsDateTime {
  const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)$/.exec(text);
  if (!match) throw new Error(`DisconnectTime ${JSON.stringify(text)} is not yyyy-MM-ddTHH:mm:ss`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return new PsDateTime(date.getTime());
}

function sessionObject(session: Readonly<RdUserSession>): PsObject {
  const object = new PsObject("object", rdUserSessionType);
  for (const [key, value] of Object.entries(session)) {
    if (key === "DisconnectTime") {
      object.set(key, typeof value === "string" ? wallClockDateTime(value) : null);
      continue;
    }
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
  name: RdSessionCall["cmdlet"],
  extra: ParameterSpec[],
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
        const deployment = requireModule(context);
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
          throw context.runtime.unsupported(
            context.node,
            `${name} without -Force (it would prompt for confirmation)`,
          );
        }
        const bound: [string, string | true][] = [];
        for (const spec of extra) {
          const value = parameters.get(spec.name);
          if (value === undefined || value === false) continue;
          bound.push([spec.name, spec.type === "switch" ? true : toStr(value)]);
        }
        const found = deployment.invoke({
          cmdlet: name,
          hostServer: host,
          unifiedSessionId: id,
          parameters: bound,
        });
        if (!found) {
          reportError(
            context,
            `The session with UnifiedSessionID ${id} does not exist on RD Session Host server ${host}.`,
            "System.ArgumentException",
          );
        }
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

/** The RemoteDesktop module's cmdlets, and Get-Module and Import-Module, which look for it. */
export const remoteDesktopCmdlets: CmdletDefinition[] = [
  {
    name: "Get-Module",
    parameters: [
      { name: "Name", type: "string[]", position: 0 },
      { name: "ListAvailable", type: "switch" },
    ],
    start(context) {
      return once(() => {
        const names = (context.parameters.get("Name") as string[] | undefined) ?? ["*"];
        const visible =
          context.parameters.get("ListAvailable") === true
            ? isModuleInstalled(context)
            : context.runtime.moduleImported;
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
            name.toLowerCase() === remoteDesktopModule.toLowerCase() && isModuleInstalled(context);
          if (available) {
            context.runtime.moduleImported = true;
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
        const deployment = requireModule(context);
        if (!deployment.exists) {
          reportError(
            context,
            "A Remote Desktop Services deployment does not exist in the server pool.",
            "System.InvalidOperationException",
          );
          return;
        }
        const collections = context.parameters.get("CollectionName") as string[] | undefined;
        // A snapshot: a logoff further down the pipeline must not disturb the enumeration.
        for (const session of [...deployment.sessions]) {
          const inCollection =
            !collections ||
            collections.some((name) => name.toLowerCase() === session.CollectionName.toLowerCase());
          if (inCollection) context.emit(sessionObject(session));
        }
      });
    },
  },
  sessionAction("Invoke-RDUserLogoff", [{ name: "Force", type: "switch" }], true),
  sessionAction("Disconnect-RDUser", [{ name: "Force", type: "switch" }], true),
  sessionAction(
    "Send-RDUserMessage",
    [
      { name: "MessageTitle", type: "string", position: 2 },
      { name: "MessageBody", type: "string", position: 3 },
    ],
    false,
  ),
];
