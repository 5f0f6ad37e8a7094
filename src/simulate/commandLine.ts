/**
 * Splits a command tail into arguments the way the Microsoft C runtime does (the rules every
 * Windows console program, `logoff.exe` and `query.exe` included, applies to its command line),
 * so the call log shows the arguments the real program would have seen.
 *
 * Rules (msvcrt since 2008): spaces and tabs separate arguments outside quotes; `"` toggles
 * quoting and is removed; inside quotes `""` is a literal `"`; 2n backslashes before a `"`
 * give n backslashes and the quote keeps its meaning, 2n+1 give n backslashes and a literal
 * `"`; backslashes not before a quote are literal.
 */
export function splitCommandLine(tail: string): string[] {
  const args: string[] = [];
  let i = 0;
  const n = tail.length;
  for (;;) {
    while (i < n && (tail[i] === " " || tail[i] === "\t")) i++;
    if (i >= n) return args;
    let arg = "";
    let quoted = false;
    while (i < n) {
      const c = tail.charAt(i);
      if (!quoted && (c === " " || c === "\t")) break;
      if (c === "\\") {
        let slashes = 0;
        while (i < n && tail[i] === "\\") {
          slashes++;
          i++;
        }
        if (tail[i] === '"') {
          arg += "\\".repeat(slashes >> 1);
          if (slashes % 2 === 1) {
            arg += '"';
            i++;
          }
        } else {
          arg += "\\".repeat(slashes);
        }
        continue;
      }
      if (c === '"') {
        if (quoted && tail[i + 1] === '"') {
          arg += '"';
          i += 2;
          continue;
        }
        quoted = !quoted;
        i++;
        continue;
      }
      arg += c;
      i++;
    }
    args.push(arg);
  }
}

/**
 * The name a call log uses for a program as the script wrote it: lower case, without quotes,
 * directory or extension (`%SystemRoot%\System32\QUERY.EXE` is `query`).
 */
export function programName(token: string): string {
  const bare = token.replace(/"/g, "");
  const base = bare.slice(
    Math.max(bare.lastIndexOf("\\"), bare.lastIndexOf("/"), bare.indexOf(":") === 1 ? 1 : -1) + 1,
  );
  const dot = base.lastIndexOf(".");
  return (dot > 0 ? base.slice(0, dot) : base).toLowerCase();
}
