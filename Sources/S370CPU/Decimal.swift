// Decimal instructions: packed and zoned decimal arithmetic, editing and
// conversion (PoO, "Decimal Instructions").

extension CPU {
    /// DE ED, DF EDMK, F0 SRP, F1 MVO, F2 PACK, F3 UNPK, F8 ZAP, F9 CP, FA AP,
    /// FB SP, FC MP, FD DP.
    @inline(never) func executeDecimal(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        raise(.operation)
        return leave | cc
    }

    /// 4E CVD: Convert to Decimal.
    @inline(never) func convertToDecimal(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        raise(.operation)
        return leave | cc
    }

    /// 4F CVB: Convert to Binary.
    @inline(never) func convertToBinary(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        raise(.operation)
        return leave | cc
    }
}
