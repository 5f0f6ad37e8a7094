/**
 * An Active Directory domain as an LDAP search sees it, for `[adsisearcher]` in the PowerShell
 * simulator: the World's groups and their members become entries (users and groups, each
 * with a distinguished name under corp.example.com), and a search filter is parsed as
 * RFC 4515 writes it (`\XX` escapes, `*` a wildcard) and evaluated, LDAP_MATCHING_RULE_IN_CHAIN
 * included. A filter outside this subset, or not well formed, throws as ADSI does.
 */
import type { Directory } from "./types.js";

/**
 * One entry a search returns: attribute names in lower case, as ADSI's Properties has them; a
 * binary value (objectSid) as its bytes.
 */
export interface DirectoryEntry {
  attributes: Record<string, (string | number[])[]>;
}

/** The OID of LDAP_MATCHING_RULE_IN_CHAIN: the member chain, followed to any depth. */
const inChain = "1.2.840.113556.1.4.1941";

/** A domain controller returns at most this many entries to a search without paging. */
const maxPageSize = 1000;

/** The base of every simulated entry's distinguished name. */
const domainBase = "DC=corp,DC=example,DC=com";

/** The relative id of Domain Users, every user's primary group unless the directory says otherwise. */
const domainUsersRid = 513;

/** The relative id of the n-th group of a directory (from 1100, clear of the well-known ones). */
const groupRid = (index: number): number => 1100 + index;

/** A SID of the simulated domain (S-1-5-21-1-2-3-rid) in its binary form, as objectSid holds it. */
function domainSid(rid: number): number[] {
  const subAuthorities = [21, 1, 2, 3, rid].flatMap((value) => [
    value & 0xff,
    (value >>> 8) & 0xff,
    (value >>> 16) & 0xff,
    (value >>> 24) & 0xff,
  ]);
  return [1, 5, 0, 0, 0, 0, 0, 5, ...subAuthorities];
}

/** A name as one RDN value of a DN (RFC 4514): `, + " \ < > ; =` and end spaces escaped. */
function rdnValue(name: string): string {
  return name
    .replace(/[,+"\\<>;=]/g, "\\$&")
    .replace(/^[ #]/, "\\$&")
    .replace(/ $/, "\\ ");
}

/** The distinguished name of a user or group of the simulated domain. */
export function distinguishedName(kind: "user" | "group", name: string): string {
  return `CN=${rdnValue(name)},OU=${kind === "user" ? "Users" : "Groups"},${domainBase}`;
}

/** An error ADSI raises, with the text .NET gives it. */
export class DirectoryError extends Error {
  constructor(
    message: string,
    readonly exceptionType: string,
  ) {
    super(message);
    this.name = "DirectoryError";
  }
}

type Filter =
  | { op: "and" | "or"; parts: Filter[] }
  | { op: "not"; part: Filter }
  | { op: "match"; attribute: string; rule: string | undefined; value: RegExp };

const invalidFilter = (filter: string): DirectoryError =>
  new DirectoryError(`The (${filter}) search filter is invalid.`, "System.ArgumentException");

/** An assertion value: `\XX` escapes are UTF-8 bytes, an unescaped `*` matches any text. */
function valuePattern(text: string, filter: string): RegExp {
  const pieces: string[] = [];
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length === 0) return;
    pieces.push(
      Buffer.from(bytes)
        .toString("utf8")
        .replace(/[\\^$.|?*+()[\]{}]/g, "\\$&"),
    );
    bytes = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === "\\") {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw invalidFilter(filter);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (ch === "*") {
      flush();
      pieces.push(".*");
    } else if (ch === "(" || ch === ")") {
      throw invalidFilter(filter);
    } else {
      bytes.push(...Buffer.from(ch, "utf8"));
    }
  }
  flush();
  return new RegExp(`^${pieces.join("")}$`, "isu");
}

/** Parses one parenthesised filter from `at`; returns it and where it ends. */
function parseAt(text: string, at: number, filter: string): [Filter, number] {
  if (text[at] !== "(") throw invalidFilter(filter);
  const op = text[at + 1];
  if (op === "&" || op === "|" || op === "!") {
    const parts: Filter[] = [];
    let next = at + 2;
    while (text[next] === "(") {
      const [part, end] = parseAt(text, next, filter);
      parts.push(part);
      next = end;
    }
    if (text[next] !== ")" || parts.length === 0) throw invalidFilter(filter);
    const [first] = parts;
    if (op === "!") {
      if (parts.length !== 1 || !first) throw invalidFilter(filter);
      return [{ op: "not", part: first }, next + 1];
    }
    return [{ op: op === "&" ? "and" : "or", parts }, next + 1];
  }
  const close = text.indexOf(")", at);
  if (close < 0) throw invalidFilter(filter);
  const item = text.slice(at + 1, close);
  const match = /^([A-Za-z][A-Za-z0-9-]*)(?::([0-9.]+):)?=(.*)$/s.exec(item);
  if (!match) throw invalidFilter(filter);
  const [, attribute = "", rule, value = ""] = match;
  if (rule !== undefined && rule !== inChain) throw invalidFilter(filter);
  return [
    { op: "match", attribute: attribute.toLowerCase(), rule, value: valuePattern(value, filter) },
    close + 1,
  ];
}

function parseFilter(text: string): Filter {
  const [filter, end] = parseAt(text, 0, text);
  if (end !== text.length) throw invalidFilter(text);
  return filter;
}

interface Entry {
  kind: "user" | "group";
  name: string;
  dn: string;
  /** The DNs of the groups it is a direct member of. */
  memberOf: string[];
  /** A group's relative id; a user's primaryGroupID. */
  rid: number;
}

function entriesOf(directory: Directory): Entry[] {
  const entries = new Map<string, Entry>();
  const entry = (kind: "user" | "group", name: string): Entry => {
    const key = `${kind}:${name.toLowerCase()}`;
    let found = entries.get(key);
    if (!found) {
      found = { kind, name, dn: distinguishedName(kind, name), memberOf: [], rid: domainUsersRid };
      entries.set(key, found);
    }
    return found;
  };
  directory.groups.forEach((group, i) => {
    entry("group", group.name).rid = groupRid(i);
  });
  directory.groups.forEach((group, i) => {
    const dn = distinguishedName("group", group.name);
    for (const member of group.members) entry(member.kind, member.name).memberOf.push(dn);
    for (const user of group.primaryMembers ?? []) entry("user", user).rid = groupRid(i);
  });
  return [...entries.values()];
}

/** The DNs of every group an entry is in, through any chain of groups (cycles end). */
function groupsInChain(entry: Entry, byDn: Map<string, Entry>): Set<string> {
  const seen = new Set<string>();
  const pending = [...entry.memberOf];
  for (let dn = pending.pop(); dn !== undefined; dn = pending.pop()) {
    const key = dn.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    pending.push(...(byDn.get(key)?.memberOf ?? []));
  }
  return seen;
}

function values(entry: Entry, attribute: string): string[] {
  switch (attribute) {
    case "objectcategory":
      return [entry.kind === "user" ? "person" : "group"];
    case "objectclass":
      return entry.kind === "user"
        ? ["top", "person", "organizationalPerson", "user"]
        : ["top", "group"];
    case "samaccountname":
      return [entry.name];
    case "distinguishedname":
      return [entry.dn];
    case "memberof":
      return entry.memberOf;
    case "primarygroupid":
      return entry.kind === "user" ? [String(entry.rid)] : [];
    default:
      return [];
  }
}

function matches(filter: Filter, entry: Entry, byDn: Map<string, Entry>): boolean {
  switch (filter.op) {
    case "and":
      return filter.parts.every((part) => matches(part, entry, byDn));
    case "or":
      return filter.parts.some((part) => matches(part, entry, byDn));
    case "not":
      return !matches(filter.part, entry, byDn);
    case "match": {
      if (filter.rule !== undefined) {
        if (filter.attribute !== "memberof") return false;
        return [...groupsInChain(entry, byDn)].some((dn) => filter.value.test(dn));
      }
      return values(entry, filter.attribute).some((value) => filter.value.test(value));
    }
  }
}

/**
 * The entries a search of the whole domain returns, in a stable order; at most 1000 unless
 * `pageSize` is set (a domain controller's MaxPageSize, which ADSI does not report).
 */
export function searchDirectory(
  directory: Directory | undefined,
  filterText: string,
  pageSize: number,
): DirectoryEntry[] {
  if (!directory?.reachable) {
    throw new DirectoryError(
      "The specified domain either does not exist or could not be contacted.",
      "System.Runtime.InteropServices.COMException",
    );
  }
  const filter = parseFilter(filterText);
  const entries = entriesOf(directory);
  const byDn = new Map(entries.map((entry) => [entry.dn.toLowerCase(), entry]));
  const found = entries
    .filter((entry) => matches(filter, entry, byDn))
    .map((entry) => ({
      attributes: {
        samaccountname: [entry.name],
        distinguishedname: [entry.dn],
        objectclass: values(entry, "objectclass"),
        ...(entry.kind === "group" ? { objectsid: [domainSid(entry.rid)] } : {}),
      },
    }));
  return pageSize > 0 ? found : found.slice(0, maxPageSize);
}
