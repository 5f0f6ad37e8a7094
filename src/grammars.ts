import { createRequire } from "node:module";
import type { Parser } from "web-tree-sitter";

const require = createRequire(import.meta.url);

/** The tree-sitter grammars the generated scripts are parsed with. */
export type GrammarName = "batch" | "powershell";

const wasmFiles: Record<GrammarName, string> = {
  batch: "tree-sitter-batch/tree-sitter-batch.wasm",
  powershell: "tree-sitter-powershell/tree-sitter-powershell.wasm",
};

const parsers = new Map<GrammarName, Promise<Parser>>();
/** web-tree-sitter's runtime, initialized once: a second init would reset the first grammar. */
let runtime: Promise<void> | undefined;

/**
 * A parser for one grammar, loaded on first use from its shipped .wasm file (no native
 * build). Callers should run Node with --liftoff-only (bin/rdlogoff.js sets it): V8's
 * optimizing tier spends ~10 s on the PowerShell grammar otherwise.
 */
export function loadGrammar(name: GrammarName): Promise<Parser> {
  let parser = parsers.get(name);
  if (!parser) {
    parser = (async () => {
      const { Language, Parser } = await import("web-tree-sitter");
      runtime ??= Parser.init();
      await runtime;
      const made = new Parser();
      made.setLanguage(await Language.load(require.resolve(wasmFiles[name])));
      return made;
    })();
    parsers.set(name, parser);
  }
  return parser;
}
