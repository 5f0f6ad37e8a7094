/*
 * Shared core of the stand-in Remote Desktop tools (query, logoff, msg, ...) that the Wine
 * oracle puts on cmd.exe's path. Each stand-in appends one line per call to the call log and
 * answers from fixtures, so Wine's cmd.exe and the TypeScript simulator see the same world.
 *
 * The same source builds Linux executables (named query.exe, logoff.exe, ...) for the pwsh
 * oracle, where paths are Unix paths.
 *
 * Environment:
 *   RDL_ORACLE_LOG       path of the call log (appended to, one line per call).
 *   RDL_ORACLE_FIXTURES  path of the fixture directory:
 *     <server>\<kind>.count     number of recorded results for `query <kind>` (kind: session, user)
 *     <server>\<kind>.<n>.out   stdout bytes of the n-th call (0-based; the last one repeats)
 *     <server>\<kind>.<n>.err   stderr bytes
 *     <server>\<kind>.<n>.code  exit code (decimal text)
 *     <server>\<kind>.calls     counter of calls made so far (written by the stand-in)
 *     <server>\ids              session ids that exist, separated by spaces
 *     dnsdomain                 the host's primary DNS suffix, for `reg query` (absent: none set)
 *   <server> is the lower-cased /server: name, or "local" when none is given.
 */
#ifndef RDL_STANDIN_H
#define RDL_STANDIN_H

#ifndef _WIN32
#include <strings.h>
#define _stricmp strcasecmp
#define _strnicmp strncasecmp
#endif

/* What the tools print when the server cannot be reached (without the final line end). */
extern const char standin_rpc_unavailable[];

/* Lower-case program name without directory and extension, from the module file name. */
const char *standin_program(void);

/* Starts a stand-in: binary stdout/stderr, and `program arg1 arg2 ...` appended to the call log. */
void standin_start(int argc, char **argv);

/* The fixture key of the server named by a `/server:NAME` argument, or "local". */
const char *standin_server(int argc, char **argv);

/* Whether <server> has a fixture directory at all (an unknown server cannot be reached). */
int standin_server_known(const char *server);

/* Replays the next recorded result of `query <kind>` on <server>; returns its exit code. */
int standin_replay(const char *server, const char *kind);

/* Whether <text> is a session id (decimal digits only) that exists on <server>. */
int standin_session_exists(const char *server, const char *text);

/* The bytes of <fixtures>\<leaf> (a file of the host, not of a server), or NULL; free() them. */
char *standin_host_file(const char *leaf);

/* Writes <text> to stderr and returns 1, the exit code of every stand-in failure. */
int standin_fail(const char *text);

/* Index of the first argument that is not a /switch, or 0 when there is none. */
int standin_first_operand(int argc, char **argv, int from);

#endif
