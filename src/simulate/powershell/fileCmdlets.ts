import { once, required, type CmdletDefinition } from "./cmdletContext.js";
import { toStr } from "./values.js";

/**
 * Cmdlets that read the simulated disk: the files the script itself wrote (Add-Content); no
 * other file exists there.
 */
export const fileCmdlets: CmdletDefinition[] = [
  {
    name: "Test-Path",
    parameters: [{ name: "LiteralPath", type: "string", aliases: ["pspath"] }],
    start(context) {
      return once(() => {
        const path = toStr(required(context, "LiteralPath"));
        context.emit(context.runtime.files.has(path.toLowerCase()));
      });
    },
  },
];
