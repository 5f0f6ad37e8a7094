/** Broken options files and the exact diagnostics they must produce (file name: bad.yml). */
export interface BrokenOptionsCase {
  name: string;
  text: string;
  want: string[];
}

const target = (body: string): string => `targets:\n  - name: t1\n${body}`;

export const brokenOptionsCases: BrokenOptionsCase[] = [
  {
    name: "yaml syntax: bad indentation",
    text: "targets:\n  - name: a\n   style: kb\n",
    want: ["bad.yml:3:1: syntax error: Sequence item without - indicator"],
  },
  {
    name: "yaml syntax: unclosed flow list",
    text: "targets: [\n",
    want: [
      "bad.yml:2:1: syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
  },
  {
    name: "yaml syntax: tab indentation",
    text: "targets:\n\t- name: a\n",
    want: ["bad.yml:2:1: syntax error: Tabs are not allowed as indentation"],
  },
  {
    name: "yaml duplicate key",
    text: "targets:\n  - name: a\n    name: b\n",
    want: ["bad.yml:3:5: syntax error: Map keys must be unique"],
  },
  {
    name: "yaml alias bomb",
    text: [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "targets: [{name: x, excludeUsers: *e}]",
      "",
    ].join("\n"),
    want: [
      "bad.yml:1:1: cannot read the options: Excessive alias count indicates a resource exhaustion attack",
    ],
  },
  {
    name: "a Windows device name as a target name",
    text: "targets:\n  - name: con\n  - name: com7\n    style: kb\n",
    want: [
      'bad.yml:2:11 targets[0].name: "con" is a Windows device name: con.bat would not be a file on the share',
      'bad.yml:3:11 targets[1].name: "com7" is a Windows device name: com7.bat would not be a file on the share',
    ],
  },
  {
    name: "empty file",
    text: "",
    want: ["bad.yml:1:1: the options file is empty; it needs a targets list"],
  },
  {
    name: "top level is a list",
    text: "- name: a\n",
    want: ["bad.yml:1:1: must be a mapping, got a list"],
  },
  {
    name: "targets missing",
    text: "outDir: out\n",
    want: ['bad.yml:1:1: missing required key "targets"'],
  },
  {
    name: "targets empty",
    text: "targets: []\n",
    want: ["bad.yml:1:10 targets: must not be empty"],
  },
  {
    name: "targets not a list",
    text: "targets: logoff-all\n",
    want: ['bad.yml:1:10 targets: must be a list, got the string "logoff-all"'],
  },
  {
    name: "unknown top-level key with suggestion",
    text: "outdir: x\ntargets:\n  - name: a\n",
    want: ['bad.yml:1:1 outdir: unknown key "outdir" (did you mean "outDir"?)'],
  },
  {
    name: "unknown target key with suggestion",
    text: target("    exludeConsole: true\n"),
    want: [
      'bad.yml:3:5 targets[0].exludeConsole: unknown key "exludeConsole" (did you mean "excludeConsole"?)',
    ],
  },
  {
    name: "unknown target key without suggestion",
    text: target("    color: red\n"),
    want: ['bad.yml:3:5 targets[0].color: unknown key "color"'],
  },
  {
    name: "target missing name",
    text: "targets:\n  - style: kb\n",
    want: ['bad.yml:2:5 targets[0]: missing required key "name"'],
  },
  {
    name: "name with upper case",
    text: "targets:\n  - name: Logoff\n",
    want: [
      'bad.yml:2:11 targets[0].name: target name "Logoff" must be lower-case letters, digits and dashes, starting with a letter or digit',
    ],
  },
  {
    name: "name with underscore",
    text: "targets:\n  - name: logoff_all\n",
    want: [
      'bad.yml:2:11 targets[0].name: target name "logoff_all" must be lower-case letters, digits and dashes, starting with a letter or digit',
    ],
  },
  {
    name: "name starting with dash",
    text: "targets:\n  - name: -x\n",
    want: [
      'bad.yml:2:11 targets[0].name: target name "-x" must be lower-case letters, digits and dashes, starting with a letter or digit',
    ],
  },
  {
    name: "name is a number",
    text: "targets:\n  - name: 42\n",
    want: ["bad.yml:2:11 targets[0].name: must be a string, got number 42"],
  },
  {
    name: "duplicate target names",
    text: "targets:\n  - name: a\n  - name: b\n  - name: a\n",
    want: ['bad.yml:4:11 targets[2].name: duplicate target name "a" (first used on line 2)'],
  },
  {
    name: "skip is a string",
    text: target("    skip: two\n"),
    want: ['bad.yml:3:11 targets[0].skip: must be a whole number, got the string "two"'],
  },
  {
    name: "skip negative",
    text: target("    skip: -1\n"),
    want: ["bad.yml:3:11 targets[0].skip: must be at least 0, got -1"],
  },
  {
    name: "skip too large",
    text: target("    skip: 12\n"),
    want: ["bad.yml:3:11 targets[0].skip: must be at most 9, got 12"],
  },
  {
    name: "skip fractional",
    text: target("    skip: 1.5\n"),
    want: ["bad.yml:3:11 targets[0].skip: must be a whole number, got number 1.5"],
  },
  {
    name: "excludeConsole is a string",
    text: target("    excludeConsole: yes please\n"),
    want: [
      'bad.yml:3:21 targets[0].excludeConsole: must be true or false, got the string "yes please"',
    ],
  },
  {
    name: "unknown state typo",
    text: target("    style: safe\n    states: [active, disconected]\n"),
    want: [
      'bad.yml:4:22 targets[0].states[1]: unknown state "disconected" (did you mean "disconnected"?); the states are active, connected, connectQuery, shadow, disconnected, idle, listen, reset, down, init',
    ],
  },
  {
    name: "KB state spelling Disc",
    text: target("    style: safe\n    states: [Disc]\n"),
    want: [
      'bad.yml:4:14 targets[0].states[0]: "Disc" is not a canonical state name; write "disconnected"',
    ],
  },
  {
    name: "broker spelling STATE_DISCONNECTED",
    text: target("    style: safe\n    states: [STATE_DISCONNECTED]\n"),
    want: [
      'bad.yml:4:14 targets[0].states[0]: "STATE_DISCONNECTED" is not a canonical state name; write "disconnected"',
    ],
  },
  {
    name: "capitalised Active",
    text: target("    style: safe\n    states: [Active]\n"),
    want: [
      'bad.yml:4:14 targets[0].states[0]: "Active" is not a canonical state name; write "active"',
    ],
  },
  {
    name: "state is a number",
    text: target("    style: safe\n    states: [1]\n"),
    want: ["bad.yml:4:14 targets[0].states[0]: a state must be a string, got number 1"],
  },
  {
    name: "duplicate state",
    text: target("    style: safe\n    states: [idle, idle]\n"),
    want: ['bad.yml:4:20 targets[0].states[1]: "idle" is listed twice'],
  },
  {
    name: "states not a list",
    text: target("    style: safe\n    states: disconnected\n"),
    want: ['bad.yml:4:13 targets[0].states: must be a list, got the string "disconnected"'],
  },
  {
    name: "unknown format",
    text: target("    formats: [bat, sh]\n"),
    want: ['bad.yml:3:20 targets[0].formats[1]: unknown format "sh"; expected one of bat, ps1'],
  },
  {
    name: "empty formats",
    text: target("    formats: []\n"),
    want: ["bad.yml:3:14 targets[0].formats: must not be empty"],
  },
  {
    name: "unknown style",
    text: target("    style: safer\n"),
    want: [
      'bad.yml:3:12 targets[0].style: unknown style "safer" (did you mean "safe"?); expected one of kb, safe',
    ],
  },
  {
    name: "kb batch with states",
    text: target("    style: kb\n    formats: [bat]\n    states: [disconnected]\n"),
    want: [
      "bad.yml:5:13 targets[0].states: the KB batch script cannot filter by state; use style: safe",
    ],
  },
  {
    name: "kb ps1 with active state",
    text: target("    style: kb\n    formats: [ps1]\n    states: [active]\n"),
    want: [
      'bad.yml:5:13 targets[0].states: the KB PowerShell script can only keep disconnected sessions, not "active"; use style: safe',
    ],
  },
  {
    name: "kb ps1 excluding console",
    text: target("    style: kb\n    formats: [ps1]\n    excludeConsole: true\n"),
    want: [
      "bad.yml:5:21 targets[0].excludeConsole: the KB PowerShell script cannot exclude the console; use style: safe, or formats: [bat] for the KB's skip=2 workaround",
    ],
  },
  {
    name: "outDir empty",
    text: "outDir: ''\ntargets:\n  - name: a\n",
    want: ["bad.yml:1:9 outDir: must not be empty"],
  },
  {
    name: "description not a string",
    text: target("    description: [a]\n"),
    want: ["bad.yml:3:18 targets[0].description: must be a string, got a list"],
  },
  {
    name: "json syntax error",
    text: '{"targets": [{"name": "a",}]',
    want: ["bad.yml:1:29: syntax error: Flow map must end with a }"],
  },
  {
    name: "json unknown key",
    text: '{\n  "targets": [\n    {"name": "a", "stats": ["idle"]}\n  ]\n}\n',
    want: ['bad.yml:3:19 targets[0].stats: unknown key "stats" (did you mean "states"?)'],
  },
  {
    name: "user name with ampersand",
    text: target('    excludeUsers: ["a&b"]\n'),
    want: [
      'bad.yml:3:20 targets[0].excludeUsers[0]: user name "a&b" contains "&", which rdlogoff does not put into scripts',
    ],
  },
  {
    name: "user name with percent",
    text: target('    onlyUsers: ["50%off"]\n'),
    want: [
      'bad.yml:3:17 targets[0].onlyUsers[0]: user name "50%off" contains "%", which rdlogoff does not put into scripts',
    ],
  },
  {
    name: "user name with double quote",
    text: target("    excludeUsers: ['say\"hi']\n"),
    want: [
      'bad.yml:3:20 targets[0].excludeUsers[0]: user name "say\\"hi" contains \'"\', which rdlogoff does not put into scripts',
    ],
  },
  {
    name: "user name with caret",
    text: target('    excludeUsers: ["x^y"]\n'),
    want: [
      'bad.yml:3:20 targets[0].excludeUsers[0]: user name "x^y" contains "^", which rdlogoff does not put into scripts',
    ],
  },
  {
    name: "user name with a domain",
    text: target('    excludeUsers: ["CORP\\\\alice"]\n'),
    want: [
      'bad.yml:3:20 targets[0].excludeUsers[0]: user name "CORP\\\\alice" contains "\\", which rdlogoff does not put into scripts',
    ],
  },
  {
    name: "non-ASCII user name for a batch target",
    text: target('    excludeUsers: ["J\u00fcrgen"]\n'),
    want: [
      'bad.yml:3:20 targets[0].excludeUsers[0]: user name "Jürgen" is not ASCII; a batch file cannot match it (use formats: [ps1])',
    ],
  },
  {
    name: "session pattern with a star inside",
    text: target('    excludeSessions: ["rdp*tcp"]\n'),
    want: [
      'bad.yml:3:23 targets[0].excludeSessions[0]: session name pattern "rdp*tcp" may hold letters, digits, # . _ - and a * only at its start and/or end',
    ],
  },
  {
    name: "session id out of range",
    text: target("    excludeIds: [70000]\n"),
    want: ["bad.yml:3:18 targets[0].excludeIds[0]: must be at most 65535, got 70000"],
  },
  {
    name: "server name with a space",
    text: target('    servers: ["rd sh01"]\n'),
    want: [
      'bad.yml:3:15 targets[0].servers[0]: server "rd sh01" is not a host name (letters, digits, dots and dashes)',
    ],
  },
  {
    name: "eventLog not a boolean",
    text: target("    eventLog: sometimes\n"),
    want: ['bad.yml:3:15 targets[0].eventLog: must be true or false, got the string "sometimes"'],
  },
  {
    name: "logFormat without log",
    text: target("    logFormat: csv\n"),
    want: [
      "bad.yml:3:16 targets[0].logFormat: logFormat says how the log is written, but there is no log: set log to a file",
    ],
  },
  {
    name: "logFormat not text or csv",
    text: target("    log: 'C:\\l.log'\n    logFormat: json\n"),
    want: [
      'bad.yml:4:16 targets[0].logFormat: unknown logFormat "json"; expected one of text, csv',
    ],
  },
  {
    name: "warn without message",
    text: target("    warn: {waitSeconds: 10}\n"),
    want: ['bad.yml:3:11 targets[0].warn: missing required key "message"'],
  },
  {
    name: "warn message with percent",
    text: target('    warn: {message: "100% sure"}\n'),
    want: [
      'bad.yml:3:21 targets[0].warn.message: the warning message contains "%", which cannot be quoted safely in a batch file',
    ],
  },
  {
    name: "log path with double quote",
    text: target("    log: 'C:\\\\a\"b.log'\n"),
    want: [
      "bad.yml:3:10 targets[0].log: the log path contains '\"', which cannot be quoted safely in a batch file",
    ],
  },
  {
    name: "safe style with skip 0",
    text: target("    skip: 0\n"),
    want: [
      "bad.yml:3:11 targets[0].skip: style safe reads the listing's header to find its columns, so skip must be at least 1 (the header is line skip)",
    ],
  },
  {
    name: "kb style with servers and dryRun",
    text: target("    style: kb\n    servers: [rdsh01]\n    dryRun: true\n"),
    want: [
      "bad.yml:4:14 targets[0].servers: the KB scripts have no servers option; use style: safe",
      "bad.yml:5:13 targets[0].dryRun: the KB scripts have no dryRun option; use style: safe",
    ],
  },
  {
    name: "unknown locale",
    text: target("    locale: [en, pt]\n"),
    want: [
      'bad.yml:3:18 targets[0].locale[1]: unknown locale "pt" (did you mean "it"?); expected one of en, de, fr, es, it, ru',
    ],
  },
  {
    name: "several problems at once",
    text: "targets:\n  - name: A\n    skip: x\n    states: [Disc]\n",
    want: [
      'bad.yml:2:11 targets[0].name: target name "A" must be lower-case letters, digits and dashes, starting with a letter or digit',
      'bad.yml:3:11 targets[0].skip: must be a whole number, got the string "x"',
      'bad.yml:4:14 targets[0].states[0]: "Disc" is not a canonical state name; write "disconnected"',
    ],
  },
  {
    name: "schema and cross-field errors in different targets, in one run",
    text:
      "targets:\n" +
      "  - name: kb-batch\n" +
      "    style: kb\n" +
      "    formats: [bat]\n" +
      "    states: [disconnected]\n" +
      "  - name: safe\n" +
      "    skip: two\n",
    want: [
      "bad.yml:5:13 targets[0].states: the KB batch script cannot filter by state; use style: safe",
      'bad.yml:7:11 targets[1].skip: must be a whole number, got the string "two"',
    ],
  },
  {
    name: "several schema and cross-field errors, sorted by position",
    text:
      "targets:\n" +
      "  - name: kb-one\n" +
      "    style: kb\n" +
      "    servers: [rdsh01]\n" +
      "    skip: 12\n" +
      "  - name: kb-one\n" +
      '    excludeUsers: ["a&b", 5]\n' +
      "    states: [Disc]\n" +
      "    log: 'C:\\\\a\"b.log'\n" +
      "  - style: kb\n" +
      "    formats: [ps1]\n" +
      "    excludeConsole: true\n" +
      "    dryRun: yes\n",
    want: [
      "bad.yml:4:14 targets[0].servers: the KB scripts have no servers option; use style: safe",
      "bad.yml:5:11 targets[0].skip: must be at most 9, got 12",
      'bad.yml:6:11 targets[1].name: duplicate target name "kb-one" (first used on line 2)',
      'bad.yml:7:20 targets[1].excludeUsers[0]: user name "a&b" contains "&", which rdlogoff does not put into scripts',
      "bad.yml:7:27 targets[1].excludeUsers[1]: must be a string, got number 5",
      'bad.yml:8:14 targets[1].states[0]: "Disc" is not a canonical state name; write "disconnected"',
      "bad.yml:9:10 targets[1].log: the log path contains '\"', which cannot be quoted safely in a batch file",
      'bad.yml:10:5 targets[2]: missing required key "name"',
      "bad.yml:12:21 targets[2].excludeConsole: the KB PowerShell script cannot exclude the console; use style: safe, or formats: [bat] for the KB's skip=2 workaround",
      'bad.yml:13:13 targets[2].dryRun: must be true or false, got the string "yes"',
    ],
  },
  {
    name: "cross-field checks skip what reads a value that failed the schema",
    // style failed: no style rule runs (skip: 0 is no error for kb); formats failed: only
    // what holds for every formats value (the "&", not the batch-only non-ASCII rule);
    // dryRun failed: no "KB has no dryRun"; a list item failed: the others are checked.
    text:
      "targets:\n" +
      "  - name: a\n" +
      "    style: safer\n" +
      "    skip: 0\n" +
      "  - name: b\n" +
      "    formats: [bat, sh]\n" +
      '    excludeUsers: ["J\u00fcrgen", "x&y"]\n' +
      "  - name: c\n" +
      "    style: kb\n" +
      "    dryRun: maybe\n" +
      "  - name: d\n" +
      '    onlyUsers: ["50%off", "50%off"]\n',
    want: [
      'bad.yml:3:12 targets[0].style: unknown style "safer" (did you mean "safe"?); expected one of kb, safe',
      'bad.yml:6:20 targets[1].formats[1]: unknown format "sh"; expected one of bat, ps1',
      'bad.yml:7:30 targets[1].excludeUsers[1]: user name "x&y" contains "&", which rdlogoff does not put into scripts',
      'bad.yml:10:13 targets[2].dryRun: must be true or false, got the string "maybe"',
      'bad.yml:12:17 targets[3].onlyUsers[0]: user name "50%off" contains "%", which rdlogoff does not put into scripts',
      'bad.yml:12:27 targets[3].onlyUsers[1]: "50%off" is listed twice',
    ],
  },
  {
    name: "ps1: a warning message ending in a backslash",
    text: target('    formats: [ps1]\n    warn: {message: "Save to C:\\\\Users\\\\"}\n'),
    want: [
      'bad.yml:4:21 targets[0].warn.message: the warning message ends with "\\", which Windows PowerShell 5.1 passes to msg.exe altered',
    ],
  },
  {
    name: "ps1: a warning message with a double quote",
    text: target("    formats: [ps1]\n    warn: {message: 'Say \"bye\" now'}\n"),
    want: [
      "bad.yml:4:21 targets[0].warn.message: the warning message contains '\"', which Windows PowerShell 5.1 passes to msg.exe altered",
    ],
  },
  {
    name: "too many servers",
    text: target(
      `    servers: [${Array.from({ length: 201 }, (_, i) => `rdsh${i}`).join(", ")}]\n`,
    ),
    want: ["bad.yml:3:14 targets[0].servers: may hold at most 200 entries, got 201"],
  },
  {
    name: "a description longer than a header line holds",
    text: target(`    description: ${"x".repeat(501)}\n`),
    want: ["bad.yml:3:18 targets[0].description: must be at most 500 characters long"],
  },
  {
    name: "a warning message msg.exe would read as a switch",
    text: target("    warn: {message: /server:rdsh99}\n"),
    want: [
      'bad.yml:3:21 targets[0].warn.message: the warning message starts with "/", which msg.exe reads as a switch',
    ],
  },
  {
    name: "a loopback address Windows reads from a short form",
    text: target('    servers: ["127.1", "2130706433", "0x7f000001"]\n'),
    want: [
      `bad.yml:3:15 targets[0].servers[0]: server "127.1" is an IP address, which a script cannot tell apart from this host's own (where /server: does not mark the current session); name the server by its host name`,
      `bad.yml:3:24 targets[0].servers[1]: server "2130706433" is an IP address, which a script cannot tell apart from this host's own (where /server: does not mark the current session); name the server by its host name`,
      `bad.yml:3:38 targets[0].servers[2]: server "0x7f000001" is an IP address, which a script cannot tell apart from this host's own (where /server: does not mark the current session); name the server by its host name`,
    ],
  },
  {
    name: "a user name pattern with a space before its *",
    text: target('    excludeUsersMatching: ["svc *"]\n'),
    want: [
      'bad.yml:3:28 targets[0].excludeUsersMatching[0]: user name pattern "svc *" may hold letters, digits, . _ - and inner spaces, and a * only at its start and/or end',
    ],
  },
];
