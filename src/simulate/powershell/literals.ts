import { named, textOf, unsupportedAt, type ParsedScript, type SyntaxNode } from "./tree.js";

/**
 * String and number literals: `'verbatim'` and `"expandable"` strings (quotes, doubled quotes,
 * backtick escapes) and integer literals with their suffixes.
 */

function isSingleQuote(ch: string): boolean {
  return ch === "'" || (ch >= "\u2018" && ch <= "\u201b");
}

function isDoubleQuote(ch: string): boolean {
  return ch === '"' || (ch >= "\u201c" && ch <= "\u201e");
}

/** The text of a `'...'` string. */
export function verbatimString(script: ParsedScript, node: SyntaxNode): string {
  const raw = textOf(script, node);
  let out = "";
  for (let i = 1; i < raw.length - 1; i++) {
    const ch = raw[i] ?? "";
    if (isSingleQuote(ch)) {
      const next = raw[i + 1] ?? "";
      // PowerShell ends a '...' string at any of its five single quotes unless doubled.
      if (!isSingleQuote(next) || i + 1 >= raw.length - 1) {
        throw unsupportedAt(
          script,
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

/**
 * A `"..."` string read once: its literal text and its `$variable` and `$(...)` parts in order,
 * then, when PowerShell would split the string differently, the construct to refuse once the
 * parts before it have been evaluated.
 */
export interface ExpandableString {
  pieces: (string | SyntaxNode)[];
  refused?: string;
}

export function expandableString(script: ParsedScript, node: SyntaxNode): ExpandableString {
  const parts = named(node);
  const pieces: (string | SyntaxNode)[] = [];
  let text = "";
  let i = node.start + 1;
  const end = node.end - 1;
  const source = script.source;
  const flush = (): void => {
    if (text !== "") pieces.push(text);
    text = "";
  };
  while (i < end) {
    const part = parts.find((candidate) => candidate.start === i);
    if (part) {
      flush();
      pieces.push(part);
      i = part.end;
      continue;
    }
    const ch = source[i] ?? "";
    if (ch === "`") {
      const next = source[i + 1] ?? "";
      text += escapes[next] ?? next;
      i += 2;
    } else if (isDoubleQuote(ch)) {
      const next = source[i + 1] ?? "";
      if (!isDoubleQuote(next) || i + 1 >= end) {
        flush();
        return { pieces, refused: `double-quoted string ${textOf(script, node)}` };
      }
      text += next;
      i += 2;
    } else {
      text += ch;
      i++;
    }
  }
  flush();
  return { pieces };
}

const multipliers: Record<string, number> = {
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
  tb: 1024 ** 4,
  pb: 1024 ** 5,
};

/** The value of a decimal, hexadecimal or real literal (`42`, `0x1F`, `1.5`, `10kb`, `5l`). */
export function numberLiteral(text: string): number {
  const lower = text.toLowerCase();
  const suffix = /(kb|mb|gb|tb|pb)$/.exec(lower)?.[1];
  const number = suffix ? lower.slice(0, -2) : lower;
  // In a hex literal "d" is a digit (0x043D), not the decimal type suffix; only "l" is a suffix.
  const hex = number.startsWith("0x");
  const body = number.replace(hex ? /l$/ : /[ld]$/, "");
  const value = hex ? parseInt(body.slice(2), 16) : Number(body);
  return value * (suffix ? (multipliers[suffix] ?? 1) : 1);
}
