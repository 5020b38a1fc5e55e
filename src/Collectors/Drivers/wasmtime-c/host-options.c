#include "host-options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage_error(const char* what, const char* arg) {
  fprintf(stderr, "wasmtime-c host: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
  exit(2);
}

static int positive(const char* option, const char* v) {
  char* end;
  long n = strtol(v, &end, 10);
  if (*end || n < 1 || n > 1000000000) usage_error(option, "must be a positive integer");
  return (int)n;
}

void obs_parse_options(int argc, char** argv, obs_options_t* o) {
  memset(o, 0, sizeof *o);
  o->iterations = 1;
  const char* argv0 = "main.wasm";
  o->env_names = calloc((size_t)argc, sizeof(char*));
  o->env_values = calloc((size_t)argc, sizeof(char*));
  int i = 1;
  for (; i < argc; i++) {
    const char* a = argv[i];
    if (!strcmp(a, "--")) { i++; break; }
    if (i + 1 >= argc) usage_error("option needs a value", a);
    char* v = argv[++i];
    if (!strcmp(a, "--wasm")) o->wasm = v;
    else if (!strcmp(a, "--scratch")) o->scratch = v;
    else if (!strcmp(a, "--stdin")) o->stdin_path = v;
    else if (!strcmp(a, "--argv0")) argv0 = v;
    else if (!strcmp(a, "--iterations")) o->iterations = positive(a, v);
    else if (!strcmp(a, "--requests")) o->requests = positive(a, v);
    else if (!strcmp(a, "--env")) {
      char* eq = strchr(v, '=');
      if (!eq) usage_error("--env needs KEY=VALUE", v);
      *eq = 0;
      o->env_names[o->envc] = v;
      o->env_values[o->envc++] = eq + 1;
    } else if (!strcmp(a, "--dir")) {
      char* sep = strstr(v, "::");
      if (!sep) usage_error("--dir needs HOST::GUEST", v);
      if (o->dir_count == OBS_MAX_DIRS) usage_error("too many --dir", v);
      *sep = 0;
      o->dir_hosts[o->dir_count] = v;
      o->dir_guests[o->dir_count++] = sep + 2;
    } else usage_error("unknown option", a);
  }
  if (!o->wasm) usage_error("--wasm is required", NULL);
  if (!o->scratch) usage_error("--scratch is required", NULL);
  o->argc = 1 + (argc - i);
  o->argv = calloc((size_t)o->argc + 1, sizeof(char*));
  o->argv[0] = argv0;
  for (int k = 1; i < argc; i++, k++) o->argv[k] = argv[i];
}
