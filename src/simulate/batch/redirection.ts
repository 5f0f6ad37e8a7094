import { stripQuotes } from "./expand.js";
import { discard, notFoundFile, notFoundPath, type Shell, type Sink } from "./shell.js";
import type { Redirect } from "./syntax.js";

/**
 * Redirections: `>`, `>>`, `<`, `2>&1`, `nul`, applied left to right around one command or
 * block, with files on the simulated disk; the handles are restored afterwards.
 */

/** Applies redirections left to right around `run`, then restores the handles. */
export function withRedirects(shell: Shell, redirects: Redirect[], run: () => void): void {
  if (redirects.length === 0) {
    run();
    return;
  }
  const saved = { out: shell.out, err: shell.err, stdin: shell.stdin };
  try {
    for (const r of redirects) {
      let sink: Sink;
      if (r.duplicate !== undefined) {
        sink = r.duplicate === 2 ? shell.err : r.duplicate === 1 ? shell.out : discard;
      } else {
        const target = stripQuotes(shell.late(r.target));
        const isNul = /^nul:?$/i.test(target);
        if (r.op === "<") {
          if (isNul) shell.stdin = "";
          else {
            const content = shell.setup.fs.read(shell.resolve(target));
            if (content === undefined) {
              shell.err(notFoundFile);
              shell.fail(1);
              return;
            }
            shell.stdin = content;
          }
          continue;
        }
        if (isNul) sink = discard;
        else {
          const path = shell.resolve(target);
          const fs = shell.setup.fs;
          const ok = r.op === ">" ? fs.write(path, "") : fs.isFile(path) || fs.write(path, "");
          if (!ok || fs.isDirectory(path)) {
            shell.err(ok ? "Access is denied.\r\n" : notFoundPath);
            shell.fail(1);
            return;
          }
          sink = (t) => void fs.write(path, t, true);
        }
      }
      if (r.handle === 1) shell.out = sink;
      else if (r.handle === 2) shell.err = sink;
    }
    run();
  } finally {
    shell.out = saved.out;
    shell.err = saved.err;
    shell.stdin = saved.stdin;
  }
}
