import { canonicalStates } from "./states.js";

/**
 * The options file's JSON Schema: the one source of truth. The validator compiles it
 * (options/validate.ts) and `npm run schema:update` publishes it unchanged as
 * schema/rdlogoff.schema.json, where a test holds the two equal.
 */
export const optionsSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://rdlogoff.dev/schema/rdlogoff.schema.json",
  title: "rdlogoff options file",
  description:
    "Targets that rdlogoff compiles into Windows session-logoff scripts (.bat and .ps1).",
  type: "object",
  additionalProperties: false,
  required: ["targets"],
  properties: {
    $schema: { type: "string", description: "Path or URL of this schema, for editors." },
    outDir: {
      type: "string",
      minLength: 1,
      default: "dist-scripts",
      description: "Folder the scripts are written to, relative to the options file.",
    },
    targets: {
      type: "array",
      minItems: 1,
      description: "One script (per format) each.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: {
            type: "string",
            pattern: "^[a-z0-9][a-z0-9-]*$",
            maxLength: 64,
            description: "File name without extension: logoff-all gives logoff-all.bat / .ps1.",
          },
          description: {
            type: "string",
            default: "",
            description: "One line, written into the script's header.",
          },
          formats: {
            type: "array",
            items: { enum: ["bat", "ps1"] },
            minItems: 1,
            uniqueItems: true,
            default: ["bat", "ps1"],
            description: "Which scripts to emit.",
          },
          style: {
            enum: ["kb", "safe"],
            default: "safe",
            description:
              "kb: the lines of KB Q259436, bugs included; safe: a script that is right on every listing.",
          },
          skip: {
            type: "integer",
            minimum: 0,
            maximum: 9,
            default: 1,
            description: "Header lines of the query session listing that the batch script skips.",
          },
          excludeConsole: {
            type: "boolean",
            default: false,
            description: "Never log off the console session.",
          },
          states: {
            type: "array",
            items: { enum: [...canonicalStates] },
            uniqueItems: true,
            default: [],
            description: "Only sessions in these states; empty means every state.",
          },
        },
      },
    },
  },
} as const;
