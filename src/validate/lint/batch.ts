import { isOemStateWordLine } from "../../targets/formats.js";
import { finding, type LintFinding } from "./codes.js";

/** Lines cmd reads: split at LF (a CR before it belongs to the line ending). */
function lines(text: string): string[] {
  return text.split("\n");
}

/** Lint rules for a batch file given as a byte string. */
export function lintBatch(text: string): LintFinding[] {
  const found: LintFinding[] = [];
  const all = lines(text);
  all.forEach((raw, i) => {
    const n = i + 1;
    const isLast = i === all.length - 1;
    if (!isLast && !raw.endsWith("\r")) {
      found.push(
        finding(
          "RDL101",
          n,
          raw.length + 1,
          "line ends with LF alone; write CRLF (cmd misreads labels in LF files)",
        ),
      );
    }
    const line = raw.replace(/\r$/, "");
    // cmd performs no redirection and no for on a comment line.
    const comment = /^\s*@?(rem(\s|$)|::)/i.test(line);
    const nonAscii = [...line].findIndex((ch) => ch.charCodeAt(0) > 0x7e);
    if (nonAscii >= 0 && !isOemStateWordLine(line)) {
      found.push(
        finding(
          "RDL104",
          n,
          nonAscii + 1,
          "non-ASCII byte; cmd decodes it in the console code page",
        ),
      );
    }
    // A redirection cmd itself performs (not a caret-escaped one inside a for command string).
    const redirect = /(?<![\^>])\d?>>?\s*("?)([^\s"|<>()']+)\1/.exec(line);
    const target = redirect?.[2];
    if (
      !comment &&
      redirect &&
      target &&
      !/^(nul|con|&\d)$/i.test(target) &&
      !/^(%|[a-z]:\\|\\\\)/i.test(target)
    ) {
      found.push(
        finding(
          "RDL102",
          n,
          redirect.index + 1,
          `writes ${target} in the current folder (C:\\Windows or a read-only share when run from a GPO)`,
        ),
      );
    }
    const tokens = /\btokens=[0-9,*-]*,(?=[\s"])/i.exec(line);
    if (!comment && tokens)
      found.push(finding("RDL103", n, tokens.index + 1, 'tokens= ends with ","; write tokens=3'));
    const logoff = /\bdo\s+logoff\s+(%%\w)/i.exec(line);
    if (!comment && logoff) {
      found.push(
        finding(
          "RDL105",
          n,
          logoff.index + 1,
          `logoff ${logoff[1]}: a blank session name shifts the columns, so the token can be a state word such as Disc`,
        ),
      );
    }
  });
  return found;
}
