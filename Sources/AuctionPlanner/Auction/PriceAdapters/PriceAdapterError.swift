import ChainModel

/// Why a price adapter call reverts, or why a config blob or adapter name is unusable.
/// `description` is the contract's revert string where it has one.
public enum PriceAdapterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// "<adapter>: Invalid params": `getPrice` on a config that fails `areParamsValid`.
    case invalidParams(adapter: String)
    /// "ConstantPriceAdapter: Price must be greater than 0".
    case priceMustBeGreaterThanZero
    /// `abi.decode` reverts (no reason string): the blob is shorter than the adapter's words.
    case configDataTooShort(adapter: String, byteCount: Int, required: Int)
    /// `abi.decode` reverts (no reason string): the `isDecreasing` word is neither 0 nor 1.
    case invalidBoolWord(adapter: String, wordIndex: Int)
    /// The name is none of the four IntegrationRegistry adapter names.
    case unknownAdapterName(String)
    /// A solady primitive reverted (unreachable behind the adapters' guards, kept for totality).
    case fixedPoint(FixedPointMathError)

    /// The revert string, or a sentence naming the field, the value and the rule.
    public var description: String {
        switch self {
        case let .invalidParams(adapter):
            return "\(adapter): Invalid params"
        case .priceMustBeGreaterThanZero:
            return "ConstantPriceAdapter: Price must be greater than 0"
        case let .configDataTooShort(adapter, count, required):
            return "\(adapter) priceAdapterConfigData is \(count) bytes; abi.decode needs at least \(required)"
        case let .invalidBoolWord(adapter, index):
            return "\(adapter) priceAdapterConfigData word \(index) (isDecreasing) must be 0 or 1"
        case let .unknownAdapterName(name):
            return "price adapter name \"\(name)\" is not one of \(PriceAdapter.registryNames.joined(separator: ", "))"
        case let .fixedPoint(error):
            return error.description
        }
    }
}
