/*
 * Stand-in for reg.exe, for the pwsh oracle only (under Wine, Wine's own reg.exe in system32
 * answers first): `reg query HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters /v Domain`
 * prints the host's primary DNS suffix as Windows does. The simulator's world answers the same
 * (src/simulate/world.ts).
 */
#include <stdio.h>
#include <stdlib.h>

#include "standin.h"

int main(int argc, char **argv) {
  standin_start(argc, argv);
  if (argc != 5 || _stricmp(argv[1], "query") != 0 ||
      _stricmp(argv[2], "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters") != 0 ||
      _stricmp(argv[3], "/v") != 0 || _stricmp(argv[4], "Domain") != 0) {
    return standin_fail("ERROR: Invalid syntax.");
  }
  char *domain = standin_host_file("dnsdomain");
  if (!domain) {
    return standin_fail("ERROR: The system was unable to find the specified registry key or value.");
  }
  printf("\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\r\n"
         "    Domain    REG_SZ    %s\r\n\r\n",
         domain);
  free(domain);
  return 0;
}
