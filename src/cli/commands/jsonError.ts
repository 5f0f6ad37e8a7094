/** An error as --json prints it: `{"error": {kind, message, ...details}}` on stdout. */
export function jsonError(kind: string, message: string, details: object = {}): string {
  return `${JSON.stringify({ error: { kind, message, ...details } }, null, 2)}\n`;
}
