import ChainModel

/// One of the four Index Coop auction price adapters together with its decoded config: a pure
/// function of the seconds elapsed since `startRebalance` (auction-module §3).
///
/// Prices are quote-asset base units per component base unit, scaled by 1e18 (§3.1).
public protocol AuctionPriceCurve: Sendable, Hashable {
    /// The exact, case-sensitive IntegrationRegistry name, e.g. "BoundedStepwiseLinearPriceAdapter".
    static var registryName: String { get }
    /// The number of 32-byte words `abi.decode` reads from the config blob.
    static var configWordCount: Int { get }
    /// Decodes `priceAdapterConfigData` exactly as the adapter's `abi.decode` does: trailing bytes
    /// are ignored; throws `.configDataTooShort` or `.invalidBoolWord` where `abi.decode` reverts.
    init(configData: [UInt8]) throws(PriceAdapterError)
    /// `abi.encode` of the config: `configWordCount` static words.
    var configData: [UInt8] { get }
    /// `isPriceAdapterConfigDataValid` of this config.
    var isValid: Bool { get }
    /// True when the price moves down over time (sell curves); false for rising or constant curves.
    var isDecreasing: Bool { get }
    /// Seconds per price step (the whole auction for the constant adapter: `UInt256.max`).
    var bucketSize: UInt256 { get }
    /// The bound the curve ends on: `minPrice` when decreasing, `maxPrice` when increasing,
    /// the price itself for the constant adapter.
    var boundPrice: UInt256 { get }
    /// `getPrice(…, timeElapsed, …)` bit for bit, including every overflow guard; throws the
    /// adapter's revert for an invalid config.
    func price(timeElapsed: UInt256) throws(PriceAdapterError) -> UInt256
}

/// Static-word `abi.encode`/`abi.decode` helpers shared by the adapters.
enum ConfigWords {
    /// `abi.encode` of static words.
    static func encode(_ words: [UInt256]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: words.count * 32)
        out.withUnsafeMutableBytes { raw in
            for (i, word) in words.enumerated() { word.storeBigEndianWord(to: raw.baseAddress! + i * 32) }
        }
        return out
    }

    /// The `abi.encode` word of a bool.
    static func word(_ flag: Bool) -> UInt256 { flag ? .one : .zero }

    /// Reads `count` words, ignoring trailing bytes as `abi.decode` does.
    static func decode(_ data: [UInt8], count: Int, adapter: String) throws(PriceAdapterError) -> [UInt256] {
        guard data.count >= count * 32 else {
            throw .configDataTooShort(adapter: adapter, byteCount: data.count, required: count * 32)
        }
        return data.withUnsafeBytes { raw in
            (0..<count).map { UInt256(bigEndianWordAt: raw.baseAddress! + $0 * 32) }
        }
    }

    /// Decodes a bool word strictly (0 or 1), as the ABI coder v2 of solc 0.8.17 does.
    static func bool(_ word: UInt256, index: Int, adapter: String) throws(PriceAdapterError) -> Bool {
        if word == .one { return true }
        if word.isZero { return false }
        throw .invalidBoolWord(adapter: adapter, wordIndex: index)
    }
}

/// The bounded stepwise clamp shared by the linear, exponential and logarithmic adapters:
/// decreasing `change > initial ? min : max(initial − change, min)`, increasing
/// `change > 2²⁵⁶−1 − initial ? max : min(initial + change, max)`.
@inlinable
func boundedPrice(initialPrice: UInt256, change: UInt256, isDecreasing: Bool,
                  maxPrice: UInt256, minPrice: UInt256) -> UInt256 {
    if isDecreasing {
        if change > initialPrice { return minPrice }
        let price = Word256.sub(initialPrice, change).value
        return Swift.max(price, minPrice)
    }
    let (sum, overflow) = Word256.add(initialPrice, change)
    if overflow { return maxPrice }
    return Swift.min(sum, maxPrice)
}

/// `⌊t / bucketSize⌋` with a fast path for 64-bit values (bucketSize > 0).
@inlinable
func timeBucket(_ timeElapsed: UInt256, _ bucketSize: UInt256) -> UInt256 {
    if (bucketSize.w1 | bucketSize.w2 | bucketSize.w3) == 0 && (timeElapsed.w1 | timeElapsed.w2 | timeElapsed.w3) == 0 {
        return UInt256(timeElapsed.w0 / bucketSize.w0)
    }
    return Word256.divMod(timeElapsed, bucketSize).quotient
}
