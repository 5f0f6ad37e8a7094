/** One problem in an options file, pointing at the field that has it. */
export interface OptionsDiagnostic {
  /** The options file as the user named it (relative to the working directory). */
  file: string;
  /** 1-based line and column of the offending key or value; 0 when the file has no position. */
  line: number;
  column: number;
  /** Field path such as `targets[0].states[1]`; empty for the whole file. */
  path: string;
  message: string;
}

/** `file:line:col path: message`, the form editors and CI logs link. */
export function formatOptionsDiagnostic(d: OptionsDiagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  return d.path ? `${where} ${d.path}: ${d.message}` : `${where}: ${d.message}`;
}

/** A broken options file; carries every diagnostic found, in file order. */
export class OptionsError extends Error {
  constructor(readonly diagnostics: OptionsDiagnostic[]) {
    super(diagnostics.map(formatOptionsDiagnostic).join("\n"));
    this.name = "OptionsError";
  }
}
