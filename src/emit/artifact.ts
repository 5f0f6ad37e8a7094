import type { ScriptFormat } from "../options/types.js";

/** One generated script, in memory, before validation and writing. */
export interface Artifact {
  target: string;
  format: ScriptFormat;
  /** File name inside outDir: `<target>.<format>`. */
  fileName: string;
  /** The exact bytes to write (CRLF, ASCII). */
  bytes: Buffer;
}

/** A value or template that cannot become a valid script. */
export class EmitError extends Error {
  constructor(
    readonly target: string,
    message: string,
  ) {
    super(`target ${target}: ${message}`);
    this.name = "EmitError";
  }
}
