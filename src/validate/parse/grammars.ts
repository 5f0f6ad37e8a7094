import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";
import type { ScriptFormat } from "../../options/types.js";

const require = createRequire(import.meta.url);

const wasmFiles: Record<ScriptFormat, string> = {
  bat: "tree-sitter-batch/tree-sitter-batch.wasm",
  ps1: "tree-sitter-powershell/tree-sitter-powershell.wasm",
};

let parsers: Promise<Record<ScriptFormat, Parser>> | undefined;

/**
 * One parser per format, loaded once from the grammars' shipped .wasm files (no native
 * build). Callers should run Node with --liftoff-only (bin/rdlogoff.js sets it): V8's
 * optimizing tier spends ~10 s on the PowerShell grammar otherwise.
 */
export function loadParsers(): Promise<Record<ScriptFormat, Parser>> {
  parsers ??= (async () => {
    await Parser.init();
    const make = async (format: ScriptFormat): Promise<Parser> => {
      const parser = new Parser();
      parser.setLanguage(await Language.load(require.resolve(wasmFiles[format])));
      return parser;
    };
    return { bat: await make("bat"), ps1: await make("ps1") };
  })();
  return parsers;
}
