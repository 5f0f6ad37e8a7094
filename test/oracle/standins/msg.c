/*
 * Stand-in for the tools whose effect the oracle only records: msg.exe, rwinsta.exe,
 * reset.exe, tsdiscon.exe, eventcreate.exe and timeout.exe (Wine 8 has none; this one does not
 * wait). They log their arguments and succeed, as in the simulator.
 */
#include "standin.h"

int main(int argc, char **argv) {
  standin_start(argc, argv);
  return 0;
}
