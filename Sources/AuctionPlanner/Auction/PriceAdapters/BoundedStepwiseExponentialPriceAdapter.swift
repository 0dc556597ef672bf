import ChainModel

/// `BoundedStepwiseExponentialPriceAdapter` (§3.4): `initialPrice ± scalingFactor·(e^(timeCoefficient·⌊t/bucketSize⌋) − 1)`,
/// clamped to `[minPrice, maxPrice]`. Config `abi.encode(initialPrice, scalingFactor, timeCoefficient,
/// bucketSize, isDecreasing, maxPrice, minPrice)`; `timeCoefficient` is a WAD. Decoding, encoding and
/// validity come from ``ScaledCurveConfig``.
public struct BoundedStepwiseExponentialPriceAdapter: ScaledCurveConfig {
    /// "BoundedStepwiseExponentialPriceAdapter".
    public static let registryName = "BoundedStepwiseExponentialPriceAdapter"
    /// Price at t = 0 (§3.1 scale).
    public var initialPrice: UInt256
    /// Multiplier of `e^x − 1` (§3.1 scale).
    public var scalingFactor: UInt256
    /// Exponent per bucket, WAD (1e18 = 1.0).
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

    /// 100e18, the largest exponent evaluated.
    @usableFromInline static let maxExpArgument = UInt256(w0: 0x6BC7_5E2D_6310_0000, w1: 0x5, w2: 0, w3: 0)

    /// The adapter's `getPrice`; throws `.invalidParams` for an invalid config.
    public func price(timeElapsed: UInt256) throws(PriceAdapterError) -> UInt256 {
        guard isValid else { throw .invalidParams(adapter: Self.registryName) }
        let bucket = timeBucket(timeElapsed, bucketSize)
        // `bucket > (2^255−1) / timeCoefficient` holds exactly when the product exceeds 2^255 − 1.
        let (argument, overflow) = Word256.mul(timeCoefficient, bucket)
        if overflow || Int256(bitPattern: argument).isNegative { return boundPrice }
        if argument > Self.maxExpArgument { return boundPrice }
        let exponential: UInt256
        do {
            exponential = try FixedPointMathLib.expWad(Int256(bitPattern: argument)).bitPattern
        } catch {
            throw .fixedPoint(error)
        }
        // `scalingFactor > (2^256−1) / e` holds exactly when `scalingFactor · e` overflows.
        if Word256.mul(scalingFactor, exponential).overflow { return boundPrice }
        let change: UInt256
        do {
            change = try FixedPointMathLib.mulWad(scalingFactor, Word256.sub(exponential, FixedPointMathLib.wad).value)
        } catch {
            throw .fixedPoint(error)
        }
        return boundedPrice(initialPrice: initialPrice, change: change, isDecreasing: isDecreasing,
                            maxPrice: maxPrice, minPrice: minPrice)
    }
}
