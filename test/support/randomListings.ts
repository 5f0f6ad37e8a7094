/**
 * Random `query session` tables and safe options, for the property tests of both targets
 * (test/safe/) and the pwsh sample (test/oracle/pwshProperty.test.ts).
 */
import fc from "fast-check";
import { parseOptions } from "../../src/options/load.js";
import type { CanonicalState } from "../../src/options/states.js";
import type { Locale, TargetOptions } from "../../src/options/types.js";
import type { PowerShellWorldConfig } from "../../src/simulate/powershell/index.js";
import type { ListedSession } from "../../src/validate/reference.js";
import { consoleCodePageFor, renderQuerySession, type Layout } from "./listings.js";

/** Letters a user name may hold besides ASCII, per language: each is in its console code page. */
const nationalLetters: Record<Locale, string> = {
  en: "",
  de: "\u00e4\u00f6\u00fc\u00df",
  fr: "\u00e9\u00e8\u00e7\u00e0",
  it: "\u00e0\u00e8\u00ec\u00f2",
  es: "\u00f1\u00e1\u00e9\u00ed",
  ru: "\u0438\u0432\u0430\u043d\u0414\u0436",
};

const userName = (locale: Locale) =>
  fc
    .tuple(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9._-]{0,8}$/),
      fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.-]{0,6}$/), { nil: undefined }),
      nationalLetters[locale] === ""
        ? fc.constant("")
        : fc.oneof(
            { weight: 3, arbitrary: fc.constant("") },
            { weight: 1, arbitrary: fc.constantFrom(...nationalLetters[locale]) },
          ),
    )
    .map(([first, second, letter]) => `${first}${letter}${second ? ` ${second}` : ""}`);

const sessionName = fc.oneof(
  fc.constant(""),
  fc.constant("console"),
  fc.integer({ min: 0, max: 40 }).map((n) => `rdp-tcp#${n}`),
  fc.integer({ min: 0, max: 9 }).map((n) => `ica-cgp#${n}`),
);

const userStates: CanonicalState[] = ["active", "disconnected", "connected", "idle", "down"];

/** A random listing's table and how it is printed. */
export interface RandomListing {
  sessions: ListedSession[];
  layout: Layout;
  locale: Locale;
  trailingSpaces: boolean;
  counterFooter: boolean;
}

/** A listing: services first, user rows with distinct ids, maybe a listener, at most one `>`. */
export function randomListing(locales: readonly Locale[]): fc.Arbitrary<RandomListing> {
  return fc.constantFrom(...locales).chain((locale) =>
    fc
      .record({
        rows: fc.array(
          fc.record({
            name: sessionName,
            user: fc.oneof(
              { weight: 1, arbitrary: fc.constant("") },
              { weight: 4, arbitrary: userName(locale) },
            ),
            state: fc.constantFrom(...userStates),
          }),
          { minLength: 0, maxLength: 10 },
        ),
        current: fc.integer({ min: -1, max: 10 }),
        listener: fc.boolean(),
        layout: fc.constantFrom<Layout>("narrow", "wide"),
        trailingSpaces: fc.boolean(),
        counterFooter: fc.boolean(),
      })
      .map((l) => {
        const sessions: ListedSession[] = [
          { name: "services", user: "", id: 0, state: "disconnected", current: false },
        ];
        l.rows.forEach((r, i) => sessions.push({ ...r, id: i + 1, current: i === l.current }));
        if (l.listener)
          sessions.push({ name: "rdp-tcp", user: "", id: 65536, state: "listen", current: false });
        return {
          sessions,
          layout: l.layout,
          locale,
          trailingSpaces: l.trailingSpaces,
          counterFooter: l.counterFooter,
        };
      }),
  );
}

function targetOptions(yaml: string): TargetOptions {
  const options = parseOptions(yaml, "/p/rdlogoff.config.yml", "rdlogoff.config.yml");
  const target = options.targets[0];
  if (!target) throw new Error("no target");
  return target;
}

/**
 * Random safe options over the users a listing shows, for one format (a batch file can name
 * ASCII users only; the options file refuses others).
 */
export function randomOptions(
  listed: string[],
  format: "bat" | "ps1",
): fc.Arbitrary<TargetOptions> {
  // eslint-disable-next-line no-control-regex
  const users = format === "bat" ? listed.filter((u) => /^[\x00-\x7f]*$/.test(u)) : listed;
  return fc
    .record({
      excludeConsole: fc.boolean(),
      includeCurrent: fc.boolean(),
      states: fc.subarray(["active", "disconnected", "connected"]),
      excludeUsers: fc.subarray(users, { maxLength: Math.min(2, users.length) }),
      onlyUsers:
        users.length === 0
          ? fc.constant([])
          : fc.oneof(
              fc.constant([]),
              fc.subarray(users, { minLength: 1, maxLength: Math.min(3, users.length) }),
            ),
      excludeIds: fc.subarray([1, 2, 3, 4]),
      excludeSessions: fc.subarray(["rdp-tcp#1*", "*#2", "*cgp*", "console"]),
    })
    .map((o) =>
      targetOptions(
        `targets:\n  - name: p\n    formats: [${format}]\n${Object.entries(o)
          .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
          .join("\n")}\n`,
      ),
    );
}

/** A random listing with random options over its users. */
export function randomCase(
  locales: readonly Locale[],
  format: "bat" | "ps1",
): fc.Arbitrary<[RandomListing, TargetOptions]> {
  return randomListing(locales).chain((l) => {
    const users = [...new Set(l.sessions.map((s) => s.user).filter((u) => u !== ""))];
    return fc.tuple(fc.constant(l), randomOptions(users, format));
  });
}

/**
 * The world of a .ps1 run on a random listing: this server prints it on a console of its
 * language's code page, the script runs in the session marked current.
 */
export function randomListingWorld(listing: RandomListing): PowerShellWorldConfig {
  const current = listing.sessions.find((s) => s.current);
  return {
    servers: {
      "": {
        querySession: {
          stdout: renderQuerySession(listing.sessions, listing),
          stderr: "",
          exitCode: 0,
        },
        sessionIds: listing.sessions.map((s) => s.id),
      },
    },
    computerName: "RDSH01",
    currentSessionId: current?.id ?? 0,
    consoleCodePage: consoleCodePageFor(listing.locale),
  };
}
