// S/370 channel I/O: the channel subsystem (ChannelSubsystem, ChannelProgram,
// DataTransfer) and the device models, one file each (docs/ARCHITECTURE.md).
