import ChainModel

/// An auction price adapter with its config: what one `AuctionExecutionParams` names
/// (`priceAdapterName`, `priceAdapterConfigData`).
public enum PriceAdapter: Hashable, Sendable {
    /// "ConstantPriceAdapter".
    case constant(ConstantPriceAdapter)
    /// "BoundedStepwiseLinearPriceAdapter".
    case linear(BoundedStepwiseLinearPriceAdapter)
    /// "BoundedStepwiseExponentialPriceAdapter".
    case exponential(BoundedStepwiseExponentialPriceAdapter)
    /// "BoundedStepwiseLogarithmicPriceAdapter".
    case logarithmic(BoundedStepwiseLogarithmicPriceAdapter)

    /// The four IntegrationRegistry names, in declaration order.
    public static let registryNames = [
        ConstantPriceAdapter.registryName, BoundedStepwiseLinearPriceAdapter.registryName,
        BoundedStepwiseExponentialPriceAdapter.registryName, BoundedStepwiseLogarithmicPriceAdapter.registryName,
    ]

    /// Decodes `configData` for the adapter registered as `name`. Throws `.unknownAdapterName`
    /// for another name and the adapter's `abi.decode` failure for a bad blob.
    public init(name: String, configData: [UInt8]) throws(PriceAdapterError) {
        switch name {
        case ConstantPriceAdapter.registryName: self = .constant(try ConstantPriceAdapter(configData: configData))
        case BoundedStepwiseLinearPriceAdapter.registryName: self = .linear(try BoundedStepwiseLinearPriceAdapter(configData: configData))
        case BoundedStepwiseExponentialPriceAdapter.registryName: self = .exponential(try BoundedStepwiseExponentialPriceAdapter(configData: configData))
        case BoundedStepwiseLogarithmicPriceAdapter.registryName: self = .logarithmic(try BoundedStepwiseLogarithmicPriceAdapter(configData: configData))
        default: throw .unknownAdapterName(name)
        }
    }

    /// `isPriceAdapterConfigDataValid(data)` of the adapter registered as `name`: false for a
    /// decodable but invalid config; throws where the adapter's `abi.decode` reverts or the name is unknown.
    public static func isPriceAdapterConfigDataValid(name: String, configData: [UInt8]) throws(PriceAdapterError) -> Bool {
        try PriceAdapter(name: name, configData: configData).curve.isValid
    }

    /// The adapter with its config as a curve.
    public var curve: any AuctionPriceCurve {
        switch self {
        case let .constant(c): return c
        case let .linear(c): return c
        case let .exponential(c): return c
        case let .logarithmic(c): return c
        }
    }

    /// True when the price falls over time (false for rising and constant curves).
    public var isDecreasing: Bool {
        switch self {
        case let .constant(c): return c.isDecreasing
        case let .linear(c): return c.isDecreasing
        case let .exponential(c): return c.isDecreasing
        case let .logarithmic(c): return c.isDecreasing
        }
    }

    /// Seconds per price step (`UInt256.max` for the constant adapter).
    public var bucketSize: UInt256 {
        switch self {
        case let .constant(c): return c.bucketSize
        case let .linear(c): return c.bucketSize
        case let .exponential(c): return c.bucketSize
        case let .logarithmic(c): return c.bucketSize
        }
    }

    /// The bound the curve moves towards (`minPrice` falling, `maxPrice` rising, the price if constant).
    public var boundPrice: UInt256 {
        switch self {
        case let .constant(c): return c.boundPrice
        case let .linear(c): return c.boundPrice
        case let .exponential(c): return c.boundPrice
        case let .logarithmic(c): return c.boundPrice
        }
    }

    /// The IntegrationRegistry name.
    public var name: String {
        switch self {
        case .constant: return ConstantPriceAdapter.registryName
        case .linear: return BoundedStepwiseLinearPriceAdapter.registryName
        case .exponential: return BoundedStepwiseExponentialPriceAdapter.registryName
        case .logarithmic: return BoundedStepwiseLogarithmicPriceAdapter.registryName
        }
    }
    /// The `abi.encode` config blob.
    public var configData: [UInt8] { curve.configData }
    /// `isPriceAdapterConfigDataValid`.
    public var isValid: Bool { curve.isValid }

    /// `getPrice` at `timeElapsed` seconds after `startRebalance`; throws the adapter's revert.
    @inlinable
    public func price(timeElapsed: UInt256) throws(PriceAdapterError) -> UInt256 {
        switch self {
        case let .constant(c): return try c.price(timeElapsed: timeElapsed)
        case let .linear(c): return try c.price(timeElapsed: timeElapsed)
        case let .exponential(c): return try c.price(timeElapsed: timeElapsed)
        case let .logarithmic(c): return try c.price(timeElapsed: timeElapsed)
        }
    }
}
