/**
 * Canonical session state names (WTS_CONNECTSTATE_CLASS, in camelCase) and the spellings
 * admins copy from the KB, qwinsta and Get-RDUserSession, which the options file rejects
 * with a pointer to the canonical name.
 */
export const canonicalStates = [
  "active",
  "connected",
  "connectQuery",
  "shadow",
  "disconnected",
  "idle",
  "listen",
  "reset",
  "down",
  "init",
] as const;

export type CanonicalState = (typeof canonicalStates)[number];

/** Non-canonical spellings, lower-cased, mapped to the canonical name they mean. */
const knownSpellings: Record<string, CanonicalState> = {
  disc: "disconnected",
  conn: "connected",
  connq: "connectQuery",
  listening: "listen",
  state_active: "active",
  state_connected: "connected",
  state_connectquery: "connectQuery",
  state_shadow: "shadow",
  state_disconnected: "disconnected",
  state_idle: "idle",
  state_listen: "listen",
  state_reset: "reset",
  state_down: "down",
  state_init: "init",
};

export function isCanonicalState(value: string): value is CanonicalState {
  return (canonicalStates as readonly string[]).includes(value);
}

/**
 * The canonical state a known non-canonical spelling stands for (`Disc`, `STATE_DISCONNECTED`,
 * `Active`), or undefined when the word is not a known spelling.
 */
export function stateForSpelling(value: string): CanonicalState | undefined {
  const lower = value.toLowerCase();
  const exact = knownSpellings[lower];
  if (exact) return exact;
  return canonicalStates.find((state) => state.toLowerCase() === lower);
}
