/* The driver options every benchmark driver takes (Observatory.Collectors.Engines.WorkerArguments):
 *   --wasm FILE --scratch DIR --iterations N --argv0 NAME [--stdin FILE] [--requests N]
 *   [--env K=V]... [--dir HOST::GUEST]... -- ARGS */
#ifndef OBS_HOST_OPTIONS_H
#define OBS_HOST_OPTIONS_H

#define OBS_MAX_DIRS 64

typedef struct {
  const char* wasm;
  const char* scratch;
  const char* stdin_path; /* NULL: the module reads an empty stdin */
  int iterations;
  int requests; /* 0: not a burst */
  int argc;
  const char** argv; /* argv[0] is --argv0 */
  int envc;
  const char** env_names;
  const char** env_values;
  int dir_count;
  const char* dir_hosts[OBS_MAX_DIRS];
  const char* dir_guests[OBS_MAX_DIRS];
} obs_options_t;

/* Parses argv into o; a bad option prints one line naming it and exits with code 2. */
void obs_parse_options(int argc, char** argv, obs_options_t* o);

#endif
