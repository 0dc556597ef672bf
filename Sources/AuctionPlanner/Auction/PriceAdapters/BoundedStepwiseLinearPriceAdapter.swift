import ChainModel

/// `BoundedStepwiseLinearPriceAdapter` (§3.3): `initialPrice ± slope·⌊t/bucketSize⌋`, clamped to
/// `[minPrice, maxPrice]`. Config `abi.encode(initialPrice, slope, bucketSize, isDecreasing, maxPrice, minPrice)`.
public struct BoundedStepwiseLinearPriceAdapter: AuctionPriceCurve {
    /// "BoundedStepwiseLinearPriceAdapter".
    public static let registryName = "BoundedStepwiseLinearPriceAdapter"
    /// 6 words.
    public static let configWordCount = 6

    /// Price at t = 0 (§3.1 scale).
    public var initialPrice: UInt256
    /// Price change per bucket (§3.1 scale).
    public var slope: UInt256
    /// Seconds per step.
    public var bucketSize: UInt256
    /// True for a falling (sell) curve.
    public var isDecreasing: Bool
    /// Upper clamp.
    public var maxPrice: UInt256
    /// Lower clamp.
    public var minPrice: UInt256

    /// Creates the adapter config with the contract's parameter names.
    public init(initialPrice: UInt256, slope: UInt256, bucketSize: UInt256, isDecreasing: Bool,
                maxPrice: UInt256, minPrice: UInt256) {
        self.initialPrice = initialPrice; self.slope = slope; self.bucketSize = bucketSize
        self.isDecreasing = isDecreasing; self.maxPrice = maxPrice; self.minPrice = minPrice
    }

    /// Decodes the 6 words as `abi.decode` does; throws where it reverts.
    public init(configData: [UInt8]) throws(PriceAdapterError) {
        let w = try ConfigWords.decode(configData, count: 6, adapter: Self.registryName)
        self.init(initialPrice: w[0], slope: w[1], bucketSize: w[2],
                  isDecreasing: try ConfigWords.bool(w[3], index: 3, adapter: Self.registryName),
                  maxPrice: w[4], minPrice: w[5])
    }

    /// The 192-byte config.
    public var configData: [UInt8] {
        ConfigWords.encode([initialPrice, slope, bucketSize, ConfigWords.word(isDecreasing), maxPrice, minPrice])
    }

    /// `initialPrice > 0 && slope > 0 && bucketSize > 0 && minPrice <= initialPrice <= maxPrice`.
    public var isValid: Bool {
        !initialPrice.isZero && !slope.isZero && !bucketSize.isZero && minPrice <= initialPrice && initialPrice <= maxPrice
    }

    /// `minPrice` when decreasing, else `maxPrice`.
    public var boundPrice: UInt256 { isDecreasing ? minPrice : maxPrice }

    /// The adapter's `getPrice`; throws `.invalidParams` for an invalid config.
    public func price(timeElapsed: UInt256) throws(PriceAdapterError) -> UInt256 {
        guard isValid else { throw .invalidParams(adapter: Self.registryName) }
        let bucket = timeBucket(timeElapsed, bucketSize)
        // `bucket > (2^256−1) / slope` holds exactly when `bucket · slope` overflows.
        let (change, overflow) = Word256.mul(bucket, slope)
        if overflow { return boundPrice }
        return boundedPrice(initialPrice: initialPrice, change: change, isDecreasing: isDecreasing,
                            maxPrice: maxPrice, minPrice: minPrice)
    }
}
