import ChainModel

/// StreamingFeeModule's accrual (auction-module §4) as a pure function: how the position
/// multiplier and supply drift between computing targets and executing them.
public struct StreamingFeeDrift: Sendable, Hashable {
    /// Seconds in the module's year (365.25 days).
    public static let year = UInt256(31_557_600)

    /// `⌊Δt·rate/365.25 days⌋` (1e18 = 100 %).
    public var feePercentage: UInt256
    /// `⌊pm·(1e18 − fee%)/1e18⌋`.
    public var positionMultiplier: UInt256
    /// `S + ⌊fee%·S/(1e18 − fee%)⌋`.
    public var totalSupply: UInt256

    /// The state after accruing `elapsed` seconds at `streamingFeePercentage` (1e18 = 100 %/yr)
    /// from `positionMultiplier` and `totalSupply`. Throws SafeMath reverts (e.g. a fee of 100 % or more).
    public init(positionMultiplier: UInt256, totalSupply: UInt256, elapsed: UInt256,
                streamingFeePercentage: UInt256) throws(SafeMathError) {
        let fee = try SafeMath.div(try SafeMath.mul(elapsed, streamingFeePercentage), Self.year)
        let remaining = try SafeMath.sub(PreciseUnitMath.preciseUnit, fee)
        let inflation = try SafeMath.div(try SafeMath.mul(fee, totalSupply), remaining)
        feePercentage = fee
        self.totalSupply = try SafeMath.add(totalSupply, inflation)
        self.positionMultiplier = try PreciseUnitMath.preciseMul(positionMultiplier, remaining)
    }
}
