// The S/370 assembler and the object-deck loader (to be built: issue 3).
