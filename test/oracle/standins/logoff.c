/*
 * Stand-in for logoff.exe: the session id must be decimal and exist on the server. Without an
 * id, logoff ends the caller's own session, which succeeds. Messages follow the simulator's
 * world (src/simulate/world.ts).
 */
#include <stdio.h>

#include "standin.h"

int main(int argc, char **argv) {
  standin_start(argc, argv);
  const char *server = standin_server(argc, argv);
  if (!standin_server_known(server)) return standin_fail(standin_rpc_unavailable);
  int operand = standin_first_operand(argc, argv, 1);
  if (operand == 0) return 0;
  if (!standin_session_exists(server, argv[operand])) {
    fprintf(stderr,
            "Could not logoff session ID %s, Error code 7022\r\n"
            "Error [7022]:The specified session cannot be found.\r\n",
            argv[operand]);
    return 1;
  }
  return 0;
}
