/**
 * Lint findings as the tools that collect them read them: gcc-style lines (editors link
 * them), stylish (grouped by file, as ESLint prints), JSON, SARIF 2.1.0 (what code-scanning
 * services upload) and Checkstyle XML (what most CI dashboards read).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { packageRoot } from "../../paths.js";
import { generatorVersion } from "../../version.js";
import { lintCodes, type LintCode, type LintFinding } from "./codes.js";

export const reportFormats = ["gcc", "stylish", "json", "sarif", "checkstyle"] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** A finding in a file, the file named as the user named it. */
export type FileFinding = LintFinding & { file: string };

/** The page that explains a code, as a path from the user's folder. */
export function findingDocPath(code: LintCode, cwd: string): string {
  return path.relative(cwd, path.join(packageRoot, "docs", "checks", `${code}.md`));
}

/** Findings by file (in the order given), then line and column. */
export function sortFindings(findings: readonly FileFinding[]): FileFinding[] {
  const order = new Map<string, number>();
  for (const f of findings) if (!order.has(f.file)) order.set(f.file, order.size);
  return [...findings].sort(
    (a, b) =>
      (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column - b.column,
  );
}

function totals(findings: readonly FileFinding[]): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const files = new Set(findings.map((f) => f.file)).size;
  return `${findings.length} finding(s): ${errors} error(s), ${findings.length - errors} warning(s) in ${files} file(s)`;
}

function docsSection(findings: readonly FileFinding[], cwd: string): string {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  if (codes.length === 0) return "";
  const lines = codes.map((c) => `  ${findingDocPath(c, cwd)} -- ${lintCodes[c].title}`);
  return `\nFor more information:\n${lines.join("\n")}\n`;
}

function gcc(findings: readonly FileFinding[], cwd: string): string {
  const lines = findings.map(
    (f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.code}]\n`,
  );
  return `${lines.join("")}${docsSection(findings, cwd)}${totals(findings)}\n`;
}

function stylish(findings: readonly FileFinding[], cwd: string): string {
  let out = "";
  for (const file of new Set(findings.map((f) => f.file))) {
    out += `${file}\n`;
    for (const f of findings.filter((x) => x.file === file)) {
      out += `  ${`${f.line}:${f.column}`.padEnd(8)}${f.severity.padEnd(9)}${f.message}  ${f.code}\n`;
    }
    out += "\n";
  }
  return `${out}${totals(findings)}${docsSection(findings, cwd)}`;
}

function sarif(findings: readonly FileFinding[]): string {
  const codes = Object.keys(lintCodes) as LintCode[];
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "rdlogoff",
            version: generatorVersion,
            informationUri: "https://www.npmjs.com/package/rdlogoff",
            rules: codes.map((code) => ({
              id: code,
              shortDescription: { text: lintCodes[code].title },
              helpUri: pathToFileURL(path.join(packageRoot, "docs", "checks", `${code}.md`)).href,
              defaultConfiguration: { level: lintCodes[code].severity },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: codes.indexOf(f.code),
          level: f.severity,
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split(path.sep).join("/") },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

const xmlEscapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};
const xml = (text: string): string => text.replace(/[&<>"']/g, (ch) => xmlEscapes[ch] ?? ch);

function checkstyle(findings: readonly FileFinding[]): string {
  let out = '<?xml version="1.0" encoding="utf-8"?>\n<checkstyle version="4.3">\n';
  for (const file of new Set(findings.map((f) => f.file))) {
    out += `  <file name="${xml(file)}">\n`;
    for (const f of findings.filter((x) => x.file === file)) {
      out += `    <error line="${f.line}" column="${f.column}" severity="${f.severity}" message="${xml(f.message)}" source="rdlogoff.${f.code}"/>\n`;
    }
    out += "  </file>\n";
  }
  return `${out}</checkstyle>\n`;
}

/** The findings (already sorted) in one report format. */
export function formatReport(
  format: ReportFormat,
  findings: readonly FileFinding[],
  cwd: string,
): string {
  switch (format) {
    case "gcc":
      return gcc(findings, cwd);
    case "stylish":
      return stylish(findings, cwd);
    case "json":
      return `${JSON.stringify(findings, null, 2)}\n`;
    case "sarif":
      return sarif(findings);
    case "checkstyle":
      return checkstyle(findings);
  }
}
