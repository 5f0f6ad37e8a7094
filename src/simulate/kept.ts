/**
 * What the simulators keep between runs. Validation runs one script on every recorded listing,
 * so what a run reads of the script (its syntax, its expressions, its options) is made on first
 * use and reused by every later run.
 */

/** What `make` gives for `key`, made on first use and kept in `kept` (weakly, by object). */
export function keptFor<K extends object, V>(kept: WeakMap<K, V>, key: K, make: (key: K) => V): V {
  let value = kept.get(key);
  if (value === undefined) {
    value = make(key);
    kept.set(key, value);
  }
  return value;
}

/** Texts kept at most per table: a table holds a script's few texts, and is emptied when full. */
const textsKept = 1000;

/** What `make` gives for a text, made on first use and kept in `kept`, which stays bounded. */
export function keptByText<V>(kept: Map<string, V>, text: string, make: (text: string) => V): V {
  let value = kept.get(text);
  if (value === undefined) {
    value = make(text);
    if (kept.size >= textsKept) kept.clear();
    kept.set(text, value);
  }
  return value;
}
