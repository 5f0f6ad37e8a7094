import { createRequire } from "node:module";
import type { Parser, Tree, TreeCursor } from "web-tree-sitter";

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

/** One node of a tree-sitter tree copied out of the WebAssembly heap into plain objects. */
export interface PlainNode {
  type: string;
  /** Whether the grammar names this node (false for punctuation and keywords). */
  named: boolean;
  /** The name of the field this node fills in its parent, if any. */
  field: string | null;
  /** UTF-16 offsets into the text. */
  start: number;
  end: number;
  /** 0-based row and column of the start, as tree-sitter reports them. */
  row: number;
  column: number;
  children: PlainNode[];
}

/**
 * Trees by grammar and text, for the last few texts. Validation asks several times about each
 * script (grammar errors, lint rules, the PowerShell simulator); it is parsed once. An evicted
 * tree is freed, so no tree may be kept past the synchronous use {@link withTree} allows.
 */
const trees: Record<GrammarName, Map<string, Tree>> = { batch: new Map(), powershell: new Map() };
const treesKept = 4;

/** Runs `use` on the tree of a text (parsed on first use); `use` must not keep the tree or its nodes. */
export async function withTree<T>(
  name: GrammarName,
  text: string,
  use: (tree: Tree) => T,
): Promise<T> {
  const parser = await loadGrammar(name);
  const kept = trees[name];
  let tree = kept.get(text);
  if (!tree) {
    const parsed = parser.parse(text);
    if (!parsed) throw new Error(`tree-sitter-${name} returned no tree`);
    tree = parsed;
    kept.set(text, tree);
    if (kept.size > treesKept) {
      const [oldestText, oldest] = kept.entries().next().value ?? [];
      if (oldestText !== undefined) kept.delete(oldestText);
      oldest?.delete();
    }
  }
  return use(tree);
}

/** Copies the subtree at the cursor, walking it with the cursor: no Node object is made. */
function copyAtCursor(cursor: TreeCursor, field: string | null): PlainNode {
  const start = cursor.startPosition;
  const node: PlainNode = {
    type: cursor.nodeType,
    named: cursor.nodeIsNamed,
    field,
    start: cursor.startIndex,
    end: cursor.endIndex,
    row: start.row,
    column: start.column,
    children: [],
  };
  if (cursor.gotoFirstChild()) {
    do node.children.push(copyAtCursor(cursor, cursor.currentFieldName));
    while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return node;
}

/** Plain copies by grammar and text; a walk of one stays in JavaScript. Bounded, oldest first out. */
const plainTrees: Record<GrammarName, Map<string, Promise<PlainNode>>> = {
  batch: new Map(),
  powershell: new Map(),
};
const plainTreesKept = 16;

/** The tree-sitter parse of a text as plain objects (a caller must not change them). */
export function parsePlain(name: GrammarName, text: string): Promise<PlainNode> {
  const kept = plainTrees[name];
  let root = kept.get(text);
  if (!root) {
    root = withTree(name, text, (tree) => {
      const cursor = tree.walk();
      try {
        return copyAtCursor(cursor, null);
      } finally {
        cursor.delete();
      }
    });
    kept.set(text, root);
    if (kept.size > plainTreesKept) {
      const oldest = kept.keys().next().value;
      if (oldest !== undefined) kept.delete(oldest);
    }
  }
  return root;
}
