import { listingLanguages } from "../listing/stateWords.js";
import { scriptFormats } from "../targets/formats.js";
import { canonicalStates } from "./states.js";
import { weekDays } from "./schedule.js";

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
    $schema: {
      type: "string",
      maxLength: 2048,
      description: "Path or URL of this schema, for editors.",
    },
    outDir: {
      type: "string",
      minLength: 1,
      maxLength: 240,
      default: "dist-scripts",
      description: "Folder the scripts are written to, relative to the options file.",
    },
    targets: {
      type: "array",
      minItems: 1,
      maxItems: 1000,
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
            maxLength: 500,
            default: "",
            description: "One line, written into the script's header.",
          },
          formats: {
            type: "array",
            items: { enum: scriptFormats.map((format) => format.format) },
            minItems: 1,
            uniqueItems: true,
            default: scriptFormats.map((format) => format.format),
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
          includeCurrent: {
            type: "boolean",
            default: false,
            description:
              "Also log off the session the script runs in (marked > in the listing); it then goes last.",
          },
          excludeUsers: {
            type: "array",
            items: { type: "string", minLength: 1, maxLength: 20 },
            maxItems: 500,
            uniqueItems: true,
            default: [],
            description:
              "Never log off these users (case-insensitive, as Windows compares account names).",
          },
          excludeUsersMatching: {
            type: "array",
            items: { type: "string", minLength: 1, maxLength: 22 },
            maxItems: 100,
            uniqueItems: true,
            default: [],
            description:
              "Never log off users whose name matches one of these patterns; * at the start and/or end matches any text (svc-*, *-admin).",
          },
          excludeGroups: {
            type: "array",
            items: { type: "string", minLength: 1, maxLength: 64 },
            maxItems: 50,
            uniqueItems: true,
            default: [],
            description:
              "Never log off members of these Active Directory groups (their sAMAccountName), nested members included; the .ps1 asks the domain through ADSI at the start of each run, and a run whose groups cannot be read logs off nobody (exit 2). Not for the .bat: net group lists direct members only.",
          },
          onlyUsers: {
            type: "array",
            items: { type: "string", minLength: 1, maxLength: 20 },
            maxItems: 500,
            uniqueItems: true,
            default: [],
            description: "Log off only these users; empty means every user.",
          },
          excludeSessions: {
            type: "array",
            items: { type: "string", minLength: 1, maxLength: 32 },
            maxItems: 100,
            uniqueItems: true,
            default: [],
            description:
              "Never log off sessions with these names; * at the start and/or end matches any text (rdp-tcp#*).",
          },
          excludeIds: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            maxItems: 1000,
            uniqueItems: true,
            default: [],
            description: "Never log off these session ids.",
          },
          servers: {
            type: "array",
            items: {
              type: "string",
              pattern: "^(?:\\.|[A-Za-z0-9][A-Za-z0-9.-]*)$",
              maxLength: 253,
            },
            maxItems: 200,
            uniqueItems: true,
            default: [],
            description:
              "Query and log off these servers with /server:; empty means the local server. This host, by any name (localhost, ., 127.0.0.1, its name or its name with its DNS domain), is listed as the local server, so the session the script runs in stays marked.",
          },
          dryRun: {
            type: "boolean",
            default: false,
            description:
              "Print each logoff command instead of running it (also: script.bat /dryrun).",
          },
          warn: {
            type: "object",
            additionalProperties: false,
            required: ["message"],
            description:
              "Send the sessions about to go a message, wait, list again and log off only those that still match.",
            properties: {
              message: { type: "string", minLength: 1, maxLength: 255 },
              waitSeconds: { type: "integer", minimum: 0, maximum: 3600, default: 300 },
            },
          },
          idleMinutes: {
            type: "integer",
            minimum: 1,
            maximum: 525600,
            description: "Only sessions idle at least this long (IDLE TIME of query user).",
          },
          disconnectedMinutes: {
            type: "integer",
            minimum: 1,
            maximum: 525600,
            description:
              "Disconnected sessions only once they have been disconnected at least this long: DisconnectTime on the RD Connection Broker, IDLE TIME with query session.",
          },
          log: {
            type: "string",
            minLength: 1,
            maxLength: 200,
            description: "Append one line per action to this file (a Windows path).",
          },
          eventLog: {
            type: "boolean",
            default: false,
            description:
              "Write one event per run to the Application log (source rdlogoff, with eventcreate): id 100 done, 101 a logoff failed, 102 a server could not be listed; the run summary's total is its description.",
          },
          logFormat: {
            enum: ["text", "csv"],
            default: "text",
            description:
              "How the log is written: text (one line per action), or csv (a header row, then one quoted row per action and per server of the run summary).",
          },
          source: {
            enum: ["auto", "broker", "query"],
            default: "auto",
            description:
              ".ps1 only. broker: Get-RDUserSession on the RD Connection Broker; query: parse query session on each server; auto: the broker when it answers, else query.",
          },
          connectionBroker: {
            type: "string",
            pattern: "^[A-Za-z0-9][A-Za-z0-9.-]*$",
            maxLength: 253,
            description: ".ps1 only: the RD Connection Broker to ask (default: this host).",
          },
          collectionName: {
            type: "string",
            minLength: 1,
            maxLength: 64,
            description: ".ps1 only: only sessions of this session collection.",
          },
          locale: {
            type: "array",
            items: { enum: [...listingLanguages] },
            minItems: 1,
            uniqueItems: true,
            default: [...listingLanguages],
            description:
              "Languages whose query session headers and state words the script accepts.",
          },
          states: {
            type: "array",
            items: { enum: [...canonicalStates] },
            uniqueItems: true,
            default: [],
            description: "Only sessions in these states; empty means every state.",
          },
          schedule: {
            type: "object",
            additionalProperties: false,
            description:
              "Also write <name>.task.xml, a scheduled task that runs the script from deployPath: exactly one of daily, weekly, everyMinutes.",
            properties: {
              daily: {
                type: "string",
                maxLength: 5,
                description: "Every day at this local time, HH:MM (24-hour clock).",
              },
              weekly: {
                type: "object",
                additionalProperties: false,
                required: ["days", "at"],
                description: "Every week on these days at this local time.",
                properties: {
                  days: {
                    type: "array",
                    items: { enum: [...weekDays] },
                    minItems: 1,
                    uniqueItems: true,
                  },
                  at: { type: "string", maxLength: 5, description: "HH:MM (24-hour clock)." },
                },
              },
              everyMinutes: {
                type: "integer",
                minimum: 1,
                maximum: 1440,
                description: "Every this many minutes, from midnight.",
              },
            },
          },
          deployPath: {
            type: "string",
            minLength: 1,
            maxLength: 180,
            description:
              "The UNC folder the scripts are copied to (\\\\corp.local\\NETLOGON\\rdlogoff); the scheduled task runs the script from there.",
          },
          taskFormat: {
            enum: scriptFormats.map((format) => format.format),
            description:
              "Which script the scheduled task runs; needed when the target builds more than one format.",
          },
        },
      },
    },
  },
} as const;
