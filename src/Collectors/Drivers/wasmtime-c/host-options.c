#include "host-options.h"
#include "driver-protocol.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char* obs_driver_name = "wasmtime-c host";

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
    if (i + 1 >= argc) obs_usage_error("option needs a value", a);
    char* v = argv[++i];
    if (!strcmp(a, "--wasm")) o->wasm = v;
    else if (!strcmp(a, "--scratch")) o->scratch = v;
    else if (!strcmp(a, "--stdin")) o->stdin_path = v;
    else if (!strcmp(a, "--argv0")) argv0 = v;
    else if (!strcmp(a, "--iterations")) o->iterations = obs_positive_option(a, v);
    else if (!strcmp(a, "--requests")) o->requests = obs_positive_option(a, v);
    else if (!strcmp(a, "--env")) {
      char* eq = strchr(v, '=');
      if (!eq) obs_usage_error("--env needs KEY=VALUE", v);
      *eq = 0;
      o->env_names[o->envc] = v;
      o->env_values[o->envc++] = eq + 1;
    } else if (!strcmp(a, "--dir")) {
      char* sep = strstr(v, "::");
      if (!sep) obs_usage_error("--dir needs HOST::GUEST", v);
      if (o->dir_count == OBS_MAX_DIRS) obs_usage_error("too many --dir", v);
      *sep = 0;
      o->dir_hosts[o->dir_count] = v;
      o->dir_guests[o->dir_count++] = sep + 2;
    } else obs_usage_error("unknown option", a);
  }
  if (!o->wasm) obs_usage_error("--wasm is required", NULL);
  if (!o->scratch) obs_usage_error("--scratch is required", NULL);
  o->argc = 1 + (argc - i);
  o->argv = calloc((size_t)o->argc + 1, sizeof(char*));
  o->argv[0] = argv0;
  for (int k = 1; i < argc; i++, k++) o->argv[k] = argv[i];
}
