// The system's GNU readline, for the operator console (libreadline-dev; `make deps`).
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
