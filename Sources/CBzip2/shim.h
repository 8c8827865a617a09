// libbz2, for the CCKD track images compressed with bzip2 (Makefile: make deps installs libbz2-dev).
#include <bzlib.h>
