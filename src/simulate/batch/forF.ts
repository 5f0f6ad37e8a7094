/**
 * `for /f` as Windows does it (cmd-semantics.md §1): the options string, and the per-line
 * algorithm of §1.5 (skip counts physical lines, leading delimiters, eol after them, tokens
 * with ranges, duplicates and `*`, short lines skipped when the lowest token is missing).
 * Pure functions over strings, so each rule has its own table test.
 */

/** Parsed `for /f` options. */
export interface ForFOptions {
  eol: string;
  skip: number;
  delims: string;
  /** Distinct requested token numbers, ascending. */
  tokens: number[];
  /** Variables allocated: listed numbers (duplicates and range sizes counted) plus one for `*`. */
  variableCount: number;
  /** A `*` was given. */
  star: boolean;
  /** `*` receives the rest of the line (false when duplicates disabled it). */
  starFilled: boolean;
  usebackq: boolean;
  /** A trailing comma after the token list (`tokens=3,`), accepted as the KB script needs. */
  trailingComma: boolean;
}

/** A `for /f` options string that cmd rejects; the FOR fails. */
export class ForOptionsError extends Error {
  constructor(readonly options: string) {
    super(`"${options}" was unexpected at this time.`);
    this.name = "ForOptionsError";
  }
}

/** C `strtol(text, 0)` on a whole string: decimal, `0x` hex or `0` octal; NaN if malformed. */
export function parseCInteger(text: string): number {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return Number.NaN;
  const digits = m[2] ?? "";
  const value = /^0[xX]/.test(digits)
    ? parseInt(digits.slice(2), 16)
    : digits.length > 1 && digits.startsWith("0")
      ? parseInt(digits.slice(1), 8)
      : parseInt(digits, 10);
  return m[1] === "-" ? -value : value;
}

function parseTokenSpec(
  spec: string,
  options: string,
): Omit<ForFOptions, "eol" | "skip" | "delims" | "usebackq"> {
  const requested = new Set<number>();
  let listed = 0;
  let star = false;
  let trailingComma = false;
  const items = spec.split(",");
  if (items.length > 1 && items[items.length - 1] === "") {
    trailingComma = true;
    items.pop();
  }
  items.forEach((item, index) => {
    if (star) throw new ForOptionsError(options);
    let body = item;
    if (body.endsWith("*")) {
      star = true;
      body = body.slice(0, -1);
      if (index !== items.length - 1) throw new ForOptionsError(options);
      if (body === "") return;
    }
    const m = /^(\d+)(?:-(\d+))?$/.exec(body);
    if (!m) throw new ForOptionsError(options);
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    if (first < 1 || first > 31 || last < 1 || last > 31) throw new ForOptionsError(options);
    for (let t = first; t <= last; t++) {
      requested.add(t);
      listed++;
    }
  });
  const tokens = [...requested].sort((a, b) => a - b);
  return {
    tokens,
    variableCount: listed + (star ? 1 : 0),
    star,
    starFilled: star && listed === tokens.length,
    trailingComma,
  };
}

/** Parses the options string of `for /f` (without its quotes). */
export function parseForFOptions(options: string): ForFOptions {
  const out: ForFOptions = {
    eol: ";",
    skip: 0,
    delims: " \t",
    tokens: [1],
    variableCount: 1,
    star: false,
    starFilled: false,
    usebackq: false,
    trailingComma: false,
  };
  const s = options;
  let i = 0;
  const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";
  while (i < s.length) {
    if (isBlank(s[i])) {
      i++;
      continue;
    }
    const rest = s.slice(i).toLowerCase();
    if (rest.startsWith("eol=")) {
      if (i + 4 >= s.length) throw new ForOptionsError(options);
      out.eol = s.charAt(i + 4);
      i += 5;
    } else if (rest.startsWith("skip=")) {
      let j = i + 5;
      while (j < s.length && !isBlank(s[j])) j++;
      const skip = parseCInteger(s.slice(i + 5, j));
      if (Number.isNaN(skip) || skip < 0) throw new ForOptionsError(options);
      out.skip = skip;
      i = j;
    } else if (rest.startsWith("delims=")) {
      let j = i + 7;
      while (j < s.length && !isBlank(s[j])) j++;
      if (j === s.length - 1 && s[j] === " ") j++;
      out.delims = s.slice(i + 7, j);
      i = j;
    } else if (rest.startsWith("tokens=")) {
      let j = i + 7;
      while (j < s.length && !isBlank(s[j])) j++;
      Object.assign(out, parseTokenSpec(s.slice(i + 7, j), options));
      i = j;
    } else if (rest.startsWith("usebackq")) {
      out.usebackq = true;
      i += 8;
    } else if (rest.startsWith("useback")) {
      out.usebackq = true;
      i += 7;
    } else {
      throw new ForOptionsError(options);
    }
  }
  return out;
}

/**
 * Splits input into the physical lines `for /f` reads: at LF, dropping the CR of CRLF, and
 * stopping at the first NUL byte. A final line break does not start another line.
 */
export function forFLines(text: string): string[] {
  const nul = text.indexOf("\0");
  const usable = nul < 0 ? text : text.slice(0, nul);
  const lines = usable.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  if (nul >= 0 && !usable.endsWith("\n") && lines.length > 0) lines.pop();
  return lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

/**
 * The variable values `for /f` assigns for one line (index 0 is the FOR variable itself, 1 the
 * next character code, ...), or undefined when the body does not run for it. Skipping is the
 * caller's job.
 */
export function tokenizeForFLine(line: string, opts: ForFOptions): string[] | undefined {
  const delims = opts.delims;
  let p = 0;
  while (p < line.length && delims.includes(line.charAt(p))) p++;
  if (p >= line.length) return undefined;
  if (line[p] === opts.eol) return undefined;
  const values: string[] = new Array<string>(opts.variableCount).fill("");
  const maxToken = opts.tokens.length > 0 ? (opts.tokens[opts.tokens.length - 1] ?? 0) : 0;
  let tokenNumber = 0;
  let next = 0;
  let i = p;
  let restStart = opts.tokens.length === 0 ? p : line.length;
  while (i < line.length && tokenNumber < maxToken) {
    const start = i;
    while (i < line.length && !delims.includes(line.charAt(i))) i++;
    tokenNumber++;
    if (tokenNumber === opts.tokens[next]) {
      values[next] = line.slice(start, i);
      next++;
    }
    while (i < line.length && delims.includes(line.charAt(i))) i++;
    if (tokenNumber === maxToken) restStart = i;
  }
  if (opts.starFilled) values[opts.tokens.length] = line.slice(restStart);
  return values[0] === "" ? undefined : values;
}
