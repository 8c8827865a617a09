// Hexadecimal floating point: short, long and extended (PoO, "Floating-Point
// Instructions").

extension CPU {
    /// Every floating-point operation code (20-3F, 60, 67-70, 78-7F).
    @inline(never) func executeFloatingPoint(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        raise(.operation)
        return leave | cc
    }
}
