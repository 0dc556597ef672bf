import ChainModel

/// `ConstantPriceAdapter` (§3.2): one price for the whole auction. Config `abi.encode(uint256 price)`.
public struct ConstantPriceAdapter: AuctionPriceCurve {
    /// "ConstantPriceAdapter".
    public static let registryName = "ConstantPriceAdapter"
    /// 1 word.
    public static let configWordCount = 1

    /// The price in the §3.1 scale.
    public var price: UInt256

    /// Creates the adapter config.
    public init(price: UInt256) { self.price = price }

    /// Decodes the first word; trailing data is ignored (a 6-word linear blob decodes its first
    /// word). Throws `.configDataTooShort` below 32 bytes.
    public init(configData: [UInt8]) throws(PriceAdapterError) {
        price = try ConfigWords.decode(configData, count: 1, adapter: Self.registryName)[0]
    }

    /// The 32-byte config.
    public var configData: [UInt8] { ConfigWords.encode([price]) }
    /// Valid iff price > 0.
    public var isValid: Bool { !price.isZero }
    /// False: the price never moves.
    public var isDecreasing: Bool { false }
    /// `UInt256.max`: the whole auction is one step.
    public var bucketSize: UInt256 { .max }
    /// The price.
    public var boundPrice: UInt256 { price }

    /// The configured price; throws `.priceMustBeGreaterThanZero` for 0.
    public func price(timeElapsed: UInt256) throws(PriceAdapterError) -> UInt256 {
        if price.isZero { throw .priceMustBeGreaterThanZero }
        return price
    }
}
