import { keptByText } from "../kept.js";
/**
 * `set /a`: cmd's 32-bit integer expressions with variables, C-like operators and
 * assignments (`=`, `+=`, ...), comma-separated. Quotes are ignored, as cmd ignores them.
 */

/** The message cmd prints for a malformed or failing expression. */
export class ArithmeticError extends Error {
  constructor(
    message: string,
    /** The errorlevel cmd sets. */
    readonly errorLevel: number,
  ) {
    super(message);
    this.name = "ArithmeticError";
  }
}

/** Variable access for `set /a`. */
export interface ArithmeticScope {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Token =
  { type: "num"; value: number } | { type: "name"; value: string } | { type: "op"; value: string };

const operators = [
  "<<=",
  ">>=",
  "*=",
  "/=",
  "%=",
  "+=",
  "-=",
  "&=",
  "^=",
  "|=",
  "<<",
  ">>",
  "(",
  ")",
  "!",
  "~",
  "-",
  "*",
  "/",
  "%",
  "+",
  "&",
  "^",
  "|",
  "=",
  ",",
];

/** Characters that end a number or variable name. */
const wordEnds = new Set([" ", "\t", "<", ">", ...operators.filter((op) => op.length === 1)]);

const missingOperand = () => new ArithmeticError("Missing operand.", 1073750975);

function toInt32(n: number): number {
  return n | 0;
}

/** cmd's number syntax in expressions: decimal, 0x hex, leading-0 octal. */
function parseNumber(text: string): number {
  let value: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) value = parseInt(text.slice(2), 16);
  else if (/^0[0-7]*$/.test(text)) value = text.length > 1 ? parseInt(text.slice(1), 8) : 0;
  else if (/^[1-9][0-9]*$/.test(text)) value = parseInt(text, 10);
  else {
    throw new ArithmeticError(
      "Invalid number.  Numeric constants are either decimal (17),\r\nhexadecimal (0x11), or octal (021).",
      1073750992,
    );
  }
  return toInt32(value);
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const s = expression.replace(/"/g, "");
  let i = 0;
  outer: while (i < s.length) {
    const c = s.charAt(i);
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    for (const op of operators) {
      if (s.startsWith(op, i)) {
        tokens.push({ type: "op", value: op });
        i += op.length;
        continue outer;
      }
    }
    let j = i;
    while (j < s.length && !wordEnds.has(s.charAt(j))) j++;
    const word = s.slice(i, j);
    if (/^[0-9]/.test(word)) tokens.push({ type: "num", value: parseNumber(word) });
    else tokens.push({ type: "name", value: word });
    i = j;
  }
  return tokens;
}

const binaryLevels: string[][] = [["|"], ["^"], ["&"], ["<<", ">>"], ["+", "-"], ["*", "/", "%"]];

/**
 * Tokens by expression text: a script evaluates the same few expressions (`RDL_ROWS+=1`) on
 * every row it reads. Tokens are never changed once made.
 */
const tokenized = new Map<string, readonly Token[]>();

/** Evaluates a `set /a` expression, assigning variables through `scope`; returns the last value. */
export function evaluateArithmetic(expression: string, scope: ArithmeticScope): number {
  const tokens = keptByText(tokenized, expression, tokenize);
  if (tokens.length === 0) throw new ArithmeticError("The syntax of the command is incorrect.", 1);
  return new Evaluation(tokens, scope).run();
}

/** A binary operator applied to two 32-bit values, as cmd does. */
function apply(op: string, a: number, b: number): number {
  switch (op) {
    case "*":
      return Math.imul(a, b);
    case "/":
    case "%":
      if (b === 0) throw new ArithmeticError("Divide by zero error.", 1073750993);
      return toInt32(op === "/" ? Math.trunc(a / b) : a % b);
    case "+":
      return toInt32(a + b);
    case "-":
      return toInt32(a - b);
    case "<<":
      return a << b;
    case ">>":
      return a >> b;
    case "&":
      return a & b;
    case "^":
      return a ^ b;
    default:
      return a | b;
  }
}

/**
 * One evaluation of a token list, by recursive descent. A class, not closures made per call:
 * a script evaluates an expression on every row it reads.
 */
class Evaluation {
  private pos = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly scope: ArithmeticScope,
  ) {}

  run(): number {
    const result = this.comma();
    if (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos];
      if (t?.type === "op" && t.value === ")")
        throw new ArithmeticError("Unbalanced parenthesis.", 1073750990);
      throw new ArithmeticError("Missing operator.", 1073750989);
    }
    return result;
  }

  private isOp(value: string): boolean {
    const t = this.tokens[this.pos];
    return t !== undefined && t.type === "op" && t.value === value;
  }

  private variable(name: string): number {
    const raw = this.scope.get(name);
    if (raw === undefined) return 0;
    const m = /^\s*(-?)(\d+)/.exec(raw);
    return m ? toInt32(Number(m[0].trim())) : 0;
  }

  private primary(): number {
    const t = this.tokens[this.pos];
    if (!t) throw missingOperand();
    if (t.type === "num") {
      this.pos++;
      return t.value;
    }
    if (t.type === "name") {
      this.pos++;
      return this.variable(t.value);
    }
    if (t.value === "(") {
      this.pos++;
      const value = this.comma();
      if (!this.isOp(")")) throw new ArithmeticError("Missing closing parenthesis.", 1073750988);
      this.pos++;
      return value;
    }
    if (t.value === "!" || t.value === "~" || t.value === "-" || t.value === "+") {
      this.pos++;
      const v = this.primary();
      if (t.value === "!") return v === 0 ? 1 : 0;
      if (t.value === "~") return ~v;
      return t.value === "-" ? toInt32(-v) : v;
    }
    throw missingOperand();
  }

  private binary(level: number): number {
    if (level === binaryLevels.length) return this.primary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.tokens[this.pos];
      if (!t || t.type !== "op" || !(binaryLevels[level] ?? []).includes(t.value)) return left;
      this.pos++;
      left = apply(t.value, left, this.binary(level + 1));
    }
  }

  private assignment(): number {
    const t = this.tokens[this.pos];
    const next = this.tokens[this.pos + 1];
    if (t?.type === "name" && next?.type === "op" && next.value.endsWith("=")) {
      this.pos += 2;
      const rhs = this.assignment();
      const value =
        next.value === "=" ? rhs : apply(next.value.slice(0, -1), this.variable(t.value), rhs);
      this.scope.set(t.value, String(value));
      return value;
    }
    return this.binary(0);
  }

  private comma(): number {
    let value = this.assignment();
    while (this.isOp(",")) {
      this.pos++;
      value = this.assignment();
    }
    return value;
  }
}
