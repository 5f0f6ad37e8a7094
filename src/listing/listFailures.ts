/**
 * Why a safe script could not use a server's `query session` listing, as both targets tell it
 * (rdlogoff issue 12, item 3): the wording is written here once, for the templates and for the
 * validation that checks each script names the right one.
 */

/** The four reasons a server is left alone because its sessions are not known. */
export type ListFailure = "queryMissing" | "accessDenied" | "rpcUnavailable" | "notUnderstood";

/**
 * Each reason as the scripts print it. Windows prints query's own errors in its language; the
 * scripts tell them apart by the error codes it prints in every language (`[5]:`, `[1722]:`).
 */
export const listFailureReasons: Readonly<Record<ListFailure, string>> = {
  queryMissing: "query.exe was not found",
  accessDenied: "access is denied",
  rpcUnavailable: "the RPC server is unavailable",
  notUnderstood: "the listing was not understood",
};

/** The line a script writes to stderr (and its log) when it cannot use a server's listing. */
export function listFailureMessage(where: string, failure: ListFailure): string {
  return `rdlogoff: ${where}: could not list the sessions: ${listFailureReasons[failure]}; logged off nobody there`;
}
