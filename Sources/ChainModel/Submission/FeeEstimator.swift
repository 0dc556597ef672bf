/// The fee fields of a transaction about to be signed.
public enum FeeQuote: Sendable, Equatable, CustomStringConvertible {
    /// EIP-1559: the most paid per gas in all, and the most of it paid to the block producer.
    case dynamic(maxFeePerGas: UInt256, maxPriorityFeePerGas: UInt256)
    /// A pre-London gas price.
    case legacy(gasPrice: UInt256)

    /// The most paid per gas: the max fee, or the legacy gas price.
    public var maximumPricePerGas: UInt256 {
        switch self {
        case let .dynamic(maxFee, _): return maxFee
        case let .legacy(gasPrice): return gasPrice
        }
    }

    public var description: String {
        switch self {
        case let .dynamic(maxFee, tip): return "max fee \(maxFee) wei/gas, tip \(tip) wei/gas"
        case let .legacy(gasPrice): return "gas price \(gasPrice) wei/gas"
        }
    }
}

/// The operator's limits on fees (`--max-fee`, `--max-tip`), in wei per gas.
public struct FeeCaps: Sendable, Equatable {
    /// The highest max fee (or legacy gas price) allowed.
    public var maxFeePerGas: UInt256?
    /// The highest tip allowed.
    public var maxPriorityFeePerGas: UInt256?

    /// Makes caps; `nil` means no cap.
    public init(maxFeePerGas: UInt256? = nil, maxPriorityFeePerGas: UInt256? = nil) {
        self.maxFeePerGas = maxFeePerGas
        self.maxPriorityFeePerGas = maxPriorityFeePerGas
    }
}

/// Why no acceptable fee could be chosen.
public enum FeeError: Error, Equatable, CustomStringConvertible {
    /// The max-fee cap is below the base fee the next block will charge.
    case capBelowBaseFee(cap: UInt256, nextBaseFee: UInt256)
    /// The fee history holds no blocks.
    case emptyHistory
    /// Fee arithmetic overflowed 256 bits (absurd node values).
    case overflow

    public var description: String {
        switch self {
        case let .capBelowBaseFee(cap, next):
            return "max-fee: \(cap) wei/gas is below the next block's base fee \(next) wei/gas; the transaction could not be included"
        case .emptyHistory: return "eth_feeHistory returned no blocks"
        case .overflow: return "fee arithmetic overflowed 256 bits"
        }
    }
}

/// Fee defaults as wallets compute them: max fee = 2 × latest base fee + tip, the tip being
/// the median over the last blocks of each block's 20th-percentile effective tip.
public enum FeeEstimator {
    /// Blocks of fee history read.
    public static let historyBlocks: UInt64 = 10
    /// The reward percentile read from each block.
    public static let rewardPercentile: Double = 20

    /// The median of `values` (the lower-middle average, rounded down, for an even count);
    /// zero for no values.
    public static func median(_ values: [UInt256]) -> UInt256 {
        guard !values.isEmpty else { return .zero }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        let (sum, overflow) = sorted[middle - 1].addingReportingOverflow(sorted[middle])
        let half = sum >> 1
        return overflow ? half | (UInt256.one << 255) : half
    }

    /// The EIP-1559 quote from a fee history read with one percentile: tip = median of the
    /// blocks' rewards, max fee = 2 × the newest block's base fee + tip, each then held under
    /// `caps` (the tip never above the max fee). Throws `FeeError.capBelowBaseFee` when the
    /// capped max fee cannot pay the next block's base fee, `.emptyHistory` for no blocks.
    public static func dynamicQuote(history: FeeHistory, caps: FeeCaps = FeeCaps()) throws(FeeError) -> FeeQuote {
        guard history.baseFeePerGas.count >= 2 else { throw .emptyHistory }
        let latestBaseFee = history.baseFeePerGas[history.baseFeePerGas.count - 2]
        let nextBaseFee = history.baseFeePerGas[history.baseFeePerGas.count - 1]
        var tip = median(history.reward.compactMap(\.first))
        if let capTip = caps.maxPriorityFeePerGas, tip > capTip { tip = capTip }
        let (doubled, overflow1) = latestBaseFee.multipliedReportingOverflow(by: 2)
        let (maxFee, overflow2) = doubled.addingReportingOverflow(tip)
        guard !overflow1, !overflow2 else { throw .overflow }
        var cappedMaxFee = maxFee
        if let capFee = caps.maxFeePerGas, cappedMaxFee > capFee { cappedMaxFee = capFee }
        guard cappedMaxFee >= nextBaseFee else { throw .capBelowBaseFee(cap: cappedMaxFee, nextBaseFee: nextBaseFee) }
        if tip > cappedMaxFee { tip = cappedMaxFee }
        return .dynamic(maxFeePerGas: cappedMaxFee, maxPriorityFeePerGas: tip)
    }

    /// The legacy quote: the node's gas price, held under the max-fee cap.
    public static func legacyQuote(gasPrice: UInt256, caps: FeeCaps = FeeCaps()) -> FeeQuote {
        if let cap = caps.maxFeePerGas, gasPrice > cap { return .legacy(gasPrice: cap) }
        return .legacy(gasPrice: gasPrice)
    }

    /// The fees of a replacement: each of the original's fields raised by at least 12.5 %
    /// (rounded up, as nodes require) and at least by 1 wei, held under `caps`. Returns `nil`
    /// when the caps leave no room for a valid bump.
    public static func bumped(_ original: FeeQuote, caps: FeeCaps = FeeCaps()) -> FeeQuote? {
        func raise(_ value: UInt256) -> UInt256? {
            // ceil(value * 9 / 8), and at least value + 1
            let (times9, overflow) = value.multipliedReportingOverflow(by: 9)
            guard !overflow else { return nil }
            let (sum, overflow2) = times9.addingReportingOverflow(7)
            guard !overflow2 else { return nil }
            let raised = sum >> 3
            return raised > value ? raised : value + 1
        }
        switch original {
        case let .dynamic(maxFee, tip):
            guard let newMaxFee = raise(maxFee), let newTip = raise(tip) else { return nil }
            if let cap = caps.maxFeePerGas, newMaxFee > cap { return nil }
            if let cap = caps.maxPriorityFeePerGas, newTip > cap { return nil }
            guard newTip <= newMaxFee else { return nil }
            return .dynamic(maxFeePerGas: newMaxFee, maxPriorityFeePerGas: newTip)
        case let .legacy(gasPrice):
            guard let newPrice = raise(gasPrice) else { return nil }
            if let cap = caps.maxFeePerGas, newPrice > cap { return nil }
            return .legacy(gasPrice: newPrice)
        }
    }

    /// The gas limit for an estimate: `estimate × (10000 + marginBasisPoints) / 10000`, rounded
    /// up; `UInt64.max` if that does not fit.
    public static func gasLimit(estimate: UInt64, marginBasisPoints: UInt64) -> UInt64 {
        let (factor, overflow) = UInt64(10_000).addingReportingOverflow(marginBasisPoints)
        guard !overflow else { return .max }
        let product = estimate.multipliedFullWidth(by: factor)
        guard product.high < 10_000 else { return .max }
        let (quotient, remainder) = UInt64(10_000).dividingFullWidth((product.high, product.low))
        return remainder > 0 ? quotient + 1 : quotient
    }
}
