/** Something that keeps an artifact from being written. */
export interface ValidationProblem {
  target: string;
  fileName: string;
  /** 1-based; 0 when the problem is not tied to a line. */
  line: number;
  column: number;
  /** Which check found it: `parse`, a lint code (`RDL101`) or `simulate`. */
  check: string;
  /** Errors stop the build; warnings are printed. */
  severity: "error" | "warning";
  message: string;
  sourceLine: string;
}
