/* Stand-in for query.exe (`query session`, `query user`), qwinsta.exe and quser.exe. */
#include <stdio.h>
#include <string.h>

#include "standin.h"

int main(int argc, char **argv) {
  standin_start(argc, argv);
  const char *program = standin_program();
  const char *kind = NULL;
  if (strcmp(program, "qwinsta") == 0) {
    kind = "session";
  } else if (strcmp(program, "quser") == 0) {
    kind = "user";
  } else if (argc > 1 && _stricmp(argv[1], "session") == 0) {
    kind = "session";
  } else if (argc > 1 && _stricmp(argv[1], "user") == 0) {
    kind = "user";
  } else {
    return standin_fail("Invalid parameter(s)");
  }
  const char *server = standin_server(argc, argv);
  if (!standin_server_known(server)) {
    return standin_fail(standin_rpc_unavailable);
  }
  int code = standin_replay(server, kind);
  if (code < 0) return standin_fail("No User exists for *");
  return code;
}
