#include "standin.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <windows.h>
#define SEPARATOR '\\'
#else
/* The pwsh oracle runs the same stand-ins as Linux executables named query.exe, logoff.exe... */
#include <unistd.h>
#define MAX_PATH 4096
#define SEPARATOR '/'
#endif

#define PATH_SIZE 1024

const char standin_rpc_unavailable[] =
    "Error 0x000006BA enumerating sessionnames\r\nError [1722]:The RPC server is unavailable.";

static char program_name[MAX_PATH];
static char server_name[256];

static char module[MAX_PATH];

const char *standin_program(void) {
  const char *base = module;
  for (const char *p = module; *p; p++) {
    if (*p == '\\' || *p == '/') base = p + 1;
  }
  size_t i = 0;
  for (; base[i] && base[i] != '.' && i + 1 < sizeof program_name; i++) {
    program_name[i] = (char)tolower((unsigned char)base[i]);
  }
  program_name[i] = '\0';
  return program_name;
}

void standin_start(int argc, char **argv) {
#ifdef _WIN32
  /* Binary mode: fixture bytes go out exactly as recorded, CRLF and OEM code page included. */
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY);
  DWORD length = GetModuleFileNameA(NULL, module, sizeof module);
  module[length < sizeof module ? length : sizeof module - 1] = '\0';
#else
  snprintf(module, sizeof module, "%s", argv[0]);
#endif
  const char *log_path = getenv("RDL_ORACLE_LOG");
  if (!log_path) return;
  /* Open, append, close per call: calls from concurrent pipe stages keep their order. */
  FILE *log = fopen(log_path, "ab");
  if (!log) return;
  fputs(standin_program(), log);
  for (int i = 1; i < argc; i++) {
    fputc(' ', log);
    fputs(argv[i], log);
  }
  fputc('\n', log);
  fclose(log);
}

const char *standin_server(int argc, char **argv) {
  strcpy(server_name, "local");
  for (int i = 1; i < argc; i++) {
    if (_strnicmp(argv[i], "/server:", 8) == 0) {
      size_t j = 0;
      for (const char *p = argv[i] + 8; *p && j + 1 < sizeof server_name; p++, j++) {
        server_name[j] = (char)tolower((unsigned char)*p);
      }
      server_name[j] = '\0';
    }
  }
  return server_name;
}

static void fixture_path(char *out, const char *server, const char *leaf) {
  const char *dir = getenv("RDL_ORACLE_FIXTURES");
  snprintf(out, PATH_SIZE, "%s%c%s%c%s", dir ? dir : ".", SEPARATOR, server, SEPARATOR, leaf);
}

/* Reads a whole fixture file; returns NULL when it does not exist. */
static char *read_fixture(const char *server, const char *leaf, long *size) {
  char path[PATH_SIZE];
  fixture_path(path, server, leaf);
  FILE *file = fopen(path, "rb");
  if (!file) return NULL;
  fseek(file, 0, SEEK_END);
  *size = ftell(file);
  fseek(file, 0, SEEK_SET);
  char *data = malloc((size_t)*size + 1);
  *size = (long)fread(data, 1, (size_t)*size, file);
  data[*size] = '\0';
  fclose(file);
  return data;
}

static long read_number(const char *server, const char *leaf, long fallback) {
  long size;
  char *text = read_fixture(server, leaf, &size);
  if (!text) return fallback;
  long value = strtol(text, NULL, 10);
  free(text);
  return value;
}

int standin_server_known(const char *server) {
  char path[PATH_SIZE];
  fixture_path(path, server, "ids");
#ifdef _WIN32
  return GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES;
#else
  return access(path, F_OK) == 0;
#endif
}

static void write_fixture(FILE *stream, const char *server, const char *leaf) {
  long size;
  char *data = read_fixture(server, leaf, &size);
  if (!data) return;
  fwrite(data, 1, (size_t)size, stream);
  fflush(stream);
  free(data);
}

int standin_replay(const char *server, const char *kind) {
  char leaf[64];
  snprintf(leaf, sizeof leaf, "%s.count", kind);
  long count = read_number(server, leaf, 0);
  if (count <= 0) return -1;
  snprintf(leaf, sizeof leaf, "%s.calls", kind);
  long calls = read_number(server, leaf, 0);
  char path[PATH_SIZE];
  fixture_path(path, server, leaf);
  FILE *counter = fopen(path, "wb");
  if (counter) {
    fprintf(counter, "%ld", calls + 1);
    fclose(counter);
  }
  long n = calls < count ? calls : count - 1;
  snprintf(leaf, sizeof leaf, "%s.%ld.out", kind, n);
  write_fixture(stdout, server, leaf);
  snprintf(leaf, sizeof leaf, "%s.%ld.err", kind, n);
  write_fixture(stderr, server, leaf);
  snprintf(leaf, sizeof leaf, "%s.%ld.code", kind, n);
  return (int)read_number(server, leaf, 0);
}

int standin_session_exists(const char *server, const char *text) {
  if (!*text) return 0;
  for (const char *p = text; *p; p++) {
    if (!isdigit((unsigned char)*p)) return 0;
  }
  long size;
  char *ids = read_fixture(server, "ids", &size);
  if (!ids) return 0;
  int found = 0;
  for (char *id = strtok(ids, " \r\n"); id && !found; id = strtok(NULL, " \r\n")) {
    found = strtol(id, NULL, 10) == strtol(text, NULL, 10);
  }
  free(ids);
  return found;
}

char *standin_host_file(const char *leaf) {
  const char *dir = getenv("RDL_ORACLE_FIXTURES");
  char path[PATH_SIZE];
  snprintf(path, sizeof path, "%s%c%s", dir ? dir : ".", SEPARATOR, leaf);
  FILE *file = fopen(path, "rb");
  if (!file) return NULL;
  fseek(file, 0, SEEK_END);
  long size = ftell(file);
  fseek(file, 0, SEEK_SET);
  char *data = malloc((size_t)size + 1);
  size = (long)fread(data, 1, (size_t)size, file);
  data[size] = '\0';
  fclose(file);
  return data;
}

int standin_fail(const char *text) {
  fputs(text, stderr);
  fputs("\r\n", stderr);
  return 1;
}

int standin_first_operand(int argc, char **argv, int from) {
  for (int i = from; i < argc; i++) {
    if (argv[i][0] != '/') return i;
  }
  return 0;
}
