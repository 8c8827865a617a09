// S/370 channel I/O: the channel subsystem and its device models (to be built: issue 5).
