// A channel program run to its end at once, for an owner that performs I/O
// on a guest's behalf without an interruption (CP's DIAGNOSE X'18' and X'20').

extension ChannelSubsystem {
    /// Why a synchronous channel program could not run.
    public enum SynchronousIOError: Error, Equatable {
        /// No device at the address.
        case notOperational
        /// The device is working on another channel program.
        case busy
        /// The program did not end (it waits for input, or loops).
        case didNotEnd
    }

    /// Runs the channel program at `channelProgram` with access key `key` on the
    /// device at `device`, to its end, and returns its ending CSW.
    public func runSynchronously(device address: UInt16, channelProgram: UInt32, key: UInt8) -> Result<CSW, SynchronousIOError> {
        guard let s = subchannels[address] else { return .failure(.notOperational) }
        guard !s.working, s.waitingProgram == nil else { return .failure(.busy) }
        let program = ChannelProgram(memory: ChannelStorage(storage: storage, key: key), device: s.device,
                                     caw: CAW(key: key, ccwAddress: channelProgram))
        program.trace = ioTrace
        var step = program.run()
        var slices = 1
        while case .paused = step, slices < 1000 {
            step = program.run()
            slices += 1
        }
        guard case .ended(let e) = step else {
            s.device.halt()
            return .failure(.didNotEnd)
        }
        return .success(e.csw)
    }
}
