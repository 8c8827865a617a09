// S/370 channel I/O (DESIGN.md, "I/O"): the channel subsystem and the device
// models, one file each.
//
//   ChannelSubsystem, ChannelInstructions   channels 0-F, subchannels, the I/O instructions
//   ChannelProgram, DataTransfer, CCW       CCW execution: chaining, skip, IDAWs, checks
//   ChannelStorage, ChannelStatus           storage as the channel sees it; CAW, CSW
//   InitialProgramLoad                      the IPL channel program
//   Device                                  the protocol every device model implements
//   Console3215, CardReader2540, CardPunch2540, Printer1403 (+ CarriageTape)
//   Tape3420 (+ AWSTape)                    tape on AWS images
//   CKDDisk, CKDCommands (+ CKDGeometry, CKDTrack, CKDImage, CCKDImage, TrackCompression)
//   CKDVolume, IPLText                      host tools: dasd init, list, ipltext
