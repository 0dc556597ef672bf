import ChainModel

/// The config shared by the exponential and logarithmic adapters (§3.4, §3.5): seven static words
/// `abi.encode(initialPrice, scalingFactor, timeCoefficient, bucketSize, isDecreasing, maxPrice,
/// minPrice)` with the same validity rule and bound. Conformers give the stored fields and the
/// memberwise initialiser; decoding, encoding, `isValid` and `boundPrice` come from here.
public protocol ScaledCurveConfig: AuctionPriceCurve {
    /// Price at t = 0 (§3.1 scale).
    var initialPrice: UInt256 { get }
    /// Multiplier of the curve's growth term (§3.1 scale).
    var scalingFactor: UInt256 { get }
    /// The growth term's argument per bucket, WAD (1e18 = 1.0).
    var timeCoefficient: UInt256 { get }
    /// Upper clamp.
    var maxPrice: UInt256 { get }
    /// Lower clamp.
    var minPrice: UInt256 { get }
    /// Creates the config with the contract's parameter names.
    init(initialPrice: UInt256, scalingFactor: UInt256, timeCoefficient: UInt256, bucketSize: UInt256,
         isDecreasing: Bool, maxPrice: UInt256, minPrice: UInt256)
}

extension ScaledCurveConfig {
    /// 7 words.
    public static var configWordCount: Int { 7 }

    /// Decodes the 7 words as `abi.decode` does; throws where it reverts (too short, a bool word
    /// other than 0 or 1).
    public init(configData: [UInt8]) throws(PriceAdapterError) {
        let w = try ConfigWords.decode(configData, count: 7, adapter: Self.registryName)
        self.init(initialPrice: w[0], scalingFactor: w[1], timeCoefficient: w[2], bucketSize: w[3],
                  isDecreasing: try ConfigWords.bool(w[4], index: 4, adapter: Self.registryName),
                  maxPrice: w[5], minPrice: w[6])
    }

    /// The 224-byte config.
    public var configData: [UInt8] {
        ConfigWords.encode([initialPrice, scalingFactor, timeCoefficient, bucketSize,
                            ConfigWords.word(isDecreasing), maxPrice, minPrice])
    }

    /// All of initialPrice, scalingFactor, timeCoefficient, bucketSize > 0 and `minPrice <= initialPrice <= maxPrice`.
    public var isValid: Bool {
        !initialPrice.isZero && !scalingFactor.isZero && !timeCoefficient.isZero && !bucketSize.isZero
            && minPrice <= initialPrice && initialPrice <= maxPrice
    }

    /// `minPrice` when decreasing, else `maxPrice`.
    public var boundPrice: UInt256 { isDecreasing ? minPrice : maxPrice }
}
