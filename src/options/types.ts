import type { ListingLanguage } from "../listing/stateWords.js";
import type { FromSchema } from "json-schema-to-ts";
import type { optionsSchema } from "./schema.js";

/** A script format's name, as the options' `formats` list it (one of src/targets/formats.ts). */
export type ScriptFormat = string;
export type ScriptStyle = "kb" | "safe";

/**
 * One target of the options file, with every default filled in: the type the schema
 * (src/options/schema.ts) describes, so the two cannot drift apart.
 */
export type TargetOptions = FromSchema<typeof optionsSchema.properties.targets.items>;

/** A listing language whose headers and state words a script reads. */
export type Locale = ListingLanguage;

/** A validated options file. */
export interface RdlOptions {
  /** Absolute path of the options file. */
  file: string;
  /** Absolute path of the output folder. */
  outDir: string;
  targets: TargetOptions[];
}
