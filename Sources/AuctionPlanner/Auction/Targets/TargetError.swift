import ChainModel

/// Why target units cannot be computed from the given weights, prices and state.
public enum TargetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A weight is NaN or infinite.
    case weightNotFinite(token: Address, value: Double)
    /// A weight is below 0.
    case weightNegative(token: Address, value: Double)
    /// The weights do not add up to 1 within 1e-9.
    case weightsDoNotSumToOne(sum: Double)
    /// 1e18-scaled weights do not add up to exactly 1e18.
    case wadWeightsDoNotSumToOne(sum: UInt256)
    /// A token appears twice in a list that must be unique.
    case duplicateToken(Address)
    /// A token with a positive weight or a current position has no price.
    case missingPrice(token: Address)
    /// A price is 0.
    case zeroPrice(token: Address)
    /// The quote asset's price must be 1e18 (one quote base unit per quote base unit).
    case quotePriceNotOne(price: UInt256)
    /// The position multiplier is 0.
    case zeroPositionMultiplier
    /// The protocol fee is 1e18 (100 %) or more: buys could not be grossed up.
    case protocolFeeOutOfRange(fee: UInt256)
    /// An intermediate product exceeds 256 bits.
    case overflow(field: String)

    /// A sentence naming the field, the value and the rule.
    public var description: String {
        switch self {
        case let .weightNotFinite(token, value): return "weight of \(token) is \(value); weights must be finite"
        case let .weightNegative(token, value): return "weight of \(token) is \(value); weights must be ≥ 0"
        case let .weightsDoNotSumToOne(sum): return "weights sum to \(sum); they must sum to 1 within 1e-9"
        case let .wadWeightsDoNotSumToOne(sum): return "1e18-scaled weights sum to \(Word256.decimal(sum)); they must sum to exactly 1000000000000000000"
        case let .duplicateToken(token): return "token \(token) is listed twice; each token may appear once"
        case let .missingPrice(token): return "no price for \(token); every weighted or held token needs one"
        case let .zeroPrice(token): return "price of \(token) is 0; prices must be > 0"
        case let .quotePriceNotOne(price): return "quote asset price is \(Word256.decimal(price)); it must be 1000000000000000000 (1 quote per quote)"
        case .zeroPositionMultiplier: return "positionMultiplier is 0; it must be > 0"
        case let .protocolFeeOutOfRange(fee): return "protocolFee is \(Word256.decimal(fee)); it must be below 1000000000000000000 (100 %)"
        case let .overflow(field): return "\(field) exceeds 2^256 − 1"
        }
    }
}
