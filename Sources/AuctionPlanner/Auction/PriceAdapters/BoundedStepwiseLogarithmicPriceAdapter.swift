import ChainModel

/// `BoundedStepwiseLogarithmicPriceAdapter` (§3.5): `initialPrice ± scalingFactor·ln(1 + timeCoefficient·⌊t/bucketSize⌋)`,
/// clamped to `[minPrice, maxPrice]`. Config `abi.encode(initialPrice, scalingFactor, timeCoefficient,
/// bucketSize, isDecreasing, maxPrice, minPrice)`; `timeCoefficient` is a WAD. Decoding, encoding and
/// validity come from ``ScaledCurveConfig``.
public struct BoundedStepwiseLogarithmicPriceAdapter: ScaledCurveConfig {
    /// "BoundedStepwiseLogarithmicPriceAdapter".
    public static let registryName = "BoundedStepwiseLogarithmicPriceAdapter"
    /// Price at t = 0 (§3.1 scale).
    public var initialPrice: UInt256
    /// Multiplier of `ln(1 + x)` (§3.1 scale).
    public var scalingFactor: UInt256
    /// Logarithm argument per bucket, WAD (1e18 = 1.0).
    public var timeCoefficient: UInt256
    /// Seconds per step.
    public var bucketSize: UInt256
    /// True for a falling (sell) curve.
    public var isDecreasing: Bool
    /// Upper clamp.
    public var maxPrice: UInt256
    /// Lower clamp.
    public var minPrice: UInt256

    /// Creates the adapter config with the contract's parameter names.
    public init(initialPrice: UInt256, scalingFactor: UInt256, timeCoefficient: UInt256, bucketSize: UInt256,
                isDecreasing: Bool, maxPrice: UInt256, minPrice: UInt256) {
        self.initialPrice = initialPrice; self.scalingFactor = scalingFactor; self.timeCoefficient = timeCoefficient
        self.bucketSize = bucketSize; self.isDecreasing = isDecreasing; self.maxPrice = maxPrice; self.minPrice = minPrice
    }

    /// 2²⁵⁴ − 1, the largest `timeCoefficient · bucket` evaluated.
    @usableFromInline static let maxLogArgument = UInt256(w0: .max, w1: .max, w2: .max, w3: UInt64.max >> 2)

    /// The adapter's `getPrice`; throws `.invalidParams` for an invalid config.
    public func price(timeElapsed: UInt256) throws(PriceAdapterError) -> UInt256 {
        guard isValid else { throw .invalidParams(adapter: Self.registryName) }
        let bucket = timeBucket(timeElapsed, bucketSize)
        // `bucket > (2^255−1) / timeCoefficient` holds exactly when the product exceeds 2^255 − 1.
        let (argument, overflow) = Word256.mul(bucket, timeCoefficient)
        if overflow || Int256(bitPattern: argument).isNegative { return boundPrice }
        if argument > Self.maxLogArgument { return boundPrice }
        let logarithm: UInt256
        do {
            let shifted = Word256.add(argument, FixedPointMathLib.wad).value
            logarithm = try FixedPointMathLib.lnWad(Int256(bitPattern: shifted)).bitPattern
        } catch {
            throw .fixedPoint(error)
        }
        // `l > (2^256−1) / scalingFactor` holds exactly when `l · scalingFactor` overflows.
        if Word256.mul(logarithm, scalingFactor).overflow { return boundPrice }
        let change: UInt256
        do {
            change = try FixedPointMathLib.mulWad(scalingFactor, logarithm)
        } catch {
            throw .fixedPoint(error)
        }
        return boundedPrice(initialPrice: initialPrice, change: change, isDecreasing: isDecreasing,
                            maxPrice: maxPrice, minPrice: minPrice)
    }
}
