/** Exit codes of the rdlogoff CLI (README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  /** check or lint found something. */
  findings: 1,
  /** bad input: options file, script, listing, arguments. */
  badInput: 2,
  /** simulate: the step bound was hit. */
  stepLimit: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
