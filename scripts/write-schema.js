// Publishes the options schema (src/options/schema.ts, the validator's own source) for editors.
import { writeFileSync } from "node:fs";
import { optionsSchema } from "../dist/options/schema.js";

writeFileSync(
  new URL("../schema/rdlogoff.schema.json", import.meta.url),
  `${JSON.stringify(optionsSchema, null, 2)}\n`,
);
