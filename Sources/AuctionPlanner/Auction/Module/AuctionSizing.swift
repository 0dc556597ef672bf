import ChainModel

/// The module's per-component size arithmetic (§2.5) as pure functions, shared by the simulator
/// and the trade planner.
public enum AuctionSizing {
    /// The normalised target `⌊targetUnit·pmNow/pmStart⌋`; throws SafeMath reverts (division by
    /// zero for `pmStart == 0`).
    @inlinable
    public static func normalizedTargetUnit(targetUnit: UInt256, positionMultiplier: UInt256,
                                            rebalancePositionMultiplier: UInt256) throws(SafeMathError) -> UInt256 {
        try SafeMath.div(try SafeMath.mul(targetUnit, positionMultiplier), rebalancePositionMultiplier)
    }

    /// `_calculateAuctionSizeAndDirection`: with `curN = ⌊S·cu/1e18⌋` and `tgtN = ⌈S·tu/1e18⌉`, a
    /// sell of `curN − tgtN` when `tgtN < curN`, else a buy of `⌊(tgtN − curN)·1e18/(1e18 − fee)⌋`.
    /// Throws `.targetAlreadyMet` when `currentUnit == normalizedTargetUnit`, and SafeMath reverts.
    @inlinable
    public static func sizeAndDirection(totalSupply: UInt256, currentUnit: UInt256, normalizedTargetUnit: UInt256,
                                        protocolFee: UInt256) throws(AuctionModuleError) -> (isSellAuction: Bool, componentQuantity: UInt256) {
        let (currentNotional, targetNotional) = try checked { () throws(SafeMathError) in
            (try PreciseUnitMath.preciseMul(totalSupply, currentUnit), try PreciseUnitMath.preciseMulCeil(totalSupply, normalizedTargetUnit))
        }
        if currentUnit == normalizedTargetUnit { throw .targetAlreadyMet }
        if targetNotional < currentNotional {
            return (true, try checked { () throws(SafeMathError) in try SafeMath.sub(currentNotional, targetNotional) })
        }
        return (false, try checked { () throws(SafeMathError) in
            try PreciseUnitMath.preciseDiv(try SafeMath.sub(targetNotional, currentNotional),
                                           try SafeMath.sub(PreciseUnitMath.preciseUnit, protocolFee))
        })
    }

    /// The quote amount of a bid of `quantity` at `price`: rounded up for sells (the bidder pays),
    /// down for buys (the bidder receives). Throws SafeMath reverts.
    @inlinable
    public static func quoteQuantity(isSellAuction: Bool, componentQuantity: UInt256, price: UInt256) throws(SafeMathError) -> UInt256 {
        isSellAuction ? try PreciseUnitMath.preciseMulCeil(componentQuantity, price) : try PreciseUnitMath.preciseMul(componentQuantity, price)
    }
}
