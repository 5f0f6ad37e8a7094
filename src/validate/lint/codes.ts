/**
 * Every lint code, once. Codes are stable and never reused: RDL1xx batch, RDL2xx
 * PowerShell. Each has a page docs/checks/<code>.md (a test keeps the two in step).
 * An error stops the build; a warning is printed (the KB style reproduces scripts that
 * have them on purpose).
 */
export const lintCodes = {
  RDL101: { severity: "error", title: "A line ends with LF alone" },
  RDL102: { severity: "warning", title: "A file is written relative to the current folder" },
  RDL103: { severity: "warning", title: "for /f tokens= ends with a comma" },
  RDL104: { severity: "error", title: "Non-ASCII byte outside an OEM state-word comparison" },
  RDL105: { severity: "warning", title: "logoff gets a for /f token that may not be a session id" },
  RDL201: { severity: "error", title: "PowerShell 7-only syntax" },
  RDL202: { severity: "error", title: "Invoke-Expression or a script block built from a string" },
  RDL203: { severity: "error", title: "Double-quoted string holds an option value" },
  RDL204: { severity: "warning", title: "Script logs sessions off without SupportsShouldProcess" },
  RDL205: { severity: "error", title: "Non-ASCII character in a file without a byte order mark" },
  RDL206: { severity: "error", title: "Add-Type (blocked in Constrained Language Mode)" },
} as const;

export type LintCode = keyof typeof lintCodes;

/** One finding, ShellCheck style: 1-based positions. */
export interface LintFinding {
  code: LintCode;
  severity: "error" | "warning";
  line: number;
  column: number;
  message: string;
}

export function finding(
  code: LintCode,
  line: number,
  column: number,
  message: string,
): LintFinding {
  return { code, severity: lintCodes[code].severity, line, column, message };
}
