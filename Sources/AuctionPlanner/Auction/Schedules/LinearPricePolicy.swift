import ChainModel

/// Why a price curve cannot be derived from a policy.
public enum PricePolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A basis-point field is out of range.
    case basisPointsOutOfRange(field: String, value: UInt64, maximum: UInt64)
    /// A field that must be positive is 0.
    case mustBePositive(field: String)
    /// The derived curve fails `isPriceAdapterConfigDataValid` (e.g. a slope that rounds to 0).
    case invalidDerivedCurve(component: Address, reason: String)

    /// A sentence naming the field, the value and the rule.
    public var description: String {
        switch self {
        case let .basisPointsOutOfRange(field, value, maximum): return "\(field) is \(value) bps; it must be ≤ \(maximum)"
        case let .mustBePositive(field): return "\(field) is 0; it must be > 0"
        case let .invalidDerivedCurve(component, reason): return "derived curve for \(component) is invalid: \(reason)"
        }
    }
}

/// A linear Dutch-auction policy relative to each component's fair price, in basis points
/// (1 bp = 0.01 %): sells start `startPremiumBps` above fair and fall by `stepBps` of fair every
/// `bucketSize` seconds down to `limitBps` below fair; buys mirror it (start below, rise to the
/// ceiling). All prices are integers: `⌊fair·(10000 ± bps)/10000⌋`.
public struct LinearPricePolicy: Sendable, Hashable {
    /// How far from fair the auction starts (sells above, buys below).
    public var startPremiumBps: UInt64
    /// The worst price accepted, beyond fair (sells: the floor below fair; buys: the ceiling above).
    public var limitBps: UInt64
    /// The price change per bucket, as basis points of fair.
    public var stepBps: UInt64
    /// Seconds per step.
    public var bucketSize: UInt64

    /// Creates a policy; throws for a zero step or bucket, or a start premium or sell floor of 100 % or more.
    public init(startPremiumBps: UInt64, limitBps: UInt64, stepBps: UInt64, bucketSize: UInt64) throws(PricePolicyError) {
        if stepBps == 0 { throw .mustBePositive(field: "stepBps") }
        if bucketSize == 0 { throw .mustBePositive(field: "bucketSize") }
        if startPremiumBps >= 10_000 { throw .basisPointsOutOfRange(field: "startPremiumBps", value: startPremiumBps, maximum: 9_999) }
        if limitBps >= 10_000 { throw .basisPointsOutOfRange(field: "limitBps", value: limitBps, maximum: 9_999) }
        self.startPremiumBps = startPremiumBps; self.limitBps = limitBps; self.stepBps = stepBps; self.bucketSize = bucketSize
    }

    /// The linear adapter for a trade at `fairPrice`. Throws `.invalidDerivedCurve` when the
    /// integer curve fails the adapter's validity rule (for example a fair price so small that the
    /// slope rounds to 0).
    public func adapter(for component: Address, isSellAuction: Bool, fairPrice: UInt256) throws(PricePolicyError) -> PriceAdapter {
        func scaled(_ bps: UInt64, up: Bool) -> UInt256 {
            let factor = UInt256(up ? 10_000 + bps : 10_000 - bps)
            let (product, overflow) = Word256.mul(fairPrice, factor)
            if overflow { return up ? .max : Word256.divMod(fairPrice, 10_000).quotient }
            return Word256.divMod(product, small: 10_000).quotient
        }
        let slope = Word256.divMod(Word256.mul(fairPrice, UInt256(stepBps)).value, small: 10_000).quotient
        let curve: BoundedStepwiseLinearPriceAdapter
        if isSellAuction {
            let start = scaled(startPremiumBps, up: true)
            curve = BoundedStepwiseLinearPriceAdapter(initialPrice: start, slope: slope, bucketSize: UInt256(bucketSize),
                                                      isDecreasing: true, maxPrice: start, minPrice: scaled(limitBps, up: false))
        } else {
            let start = scaled(startPremiumBps, up: false)
            curve = BoundedStepwiseLinearPriceAdapter(initialPrice: start, slope: slope, bucketSize: UInt256(bucketSize),
                                                      isDecreasing: false, maxPrice: scaled(limitBps, up: true), minPrice: start)
        }
        guard curve.isValid else {
            throw .invalidDerivedCurve(component: component, reason: "initialPrice, slope and bucketSize must be > 0 and minPrice ≤ initialPrice ≤ maxPrice")
        }
        return .linear(curve)
    }
}
