// zlib, for the CCKD track images compressed with it (Makefile: make deps installs zlib1g-dev).
#include <zlib.h>
