import ChainModel

extension PriceAdapter {
    /// The adapter's short kind: `constant`, `linear`, `exponential` or `logarithmic`.
    public var kindName: String {
        switch self {
        case .constant: return "constant"
        case .linear: return "linear"
        case .exponential: return "exponential"
        case .logarithmic: return "logarithmic"
        }
    }

    /// The decoded config with the contract's parameter names (amounts as decimal strings).
    public var parametersJSON: CanonicalJSON {
        switch self {
        case let .constant(c):
            return .object(["price": .amount(c.price)])
        case let .linear(c):
            return .object(["initialPrice": .amount(c.initialPrice), "slope": .amount(c.slope), "bucketSize": .amount(c.bucketSize),
                            "isDecreasing": .bool(c.isDecreasing), "maxPrice": .amount(c.maxPrice), "minPrice": .amount(c.minPrice)])
        case let .exponential(c):
            return .object(["initialPrice": .amount(c.initialPrice), "scalingFactor": .amount(c.scalingFactor),
                            "timeCoefficient": .amount(c.timeCoefficient), "bucketSize": .amount(c.bucketSize),
                            "isDecreasing": .bool(c.isDecreasing), "maxPrice": .amount(c.maxPrice), "minPrice": .amount(c.minPrice)])
        case let .logarithmic(c):
            return .object(["initialPrice": .amount(c.initialPrice), "scalingFactor": .amount(c.scalingFactor),
                            "timeCoefficient": .amount(c.timeCoefficient), "bucketSize": .amount(c.bucketSize),
                            "isDecreasing": .bool(c.isDecreasing), "maxPrice": .amount(c.maxPrice), "minPrice": .amount(c.minPrice)])
        }
    }

    /// The adapter family named on the command line (`constant`, `linear`, `exponential`, `logarithmic`).
    /// - Throws: `PriceAdapterError` when the kind is unknown or the config does not decode.
    public init(kind: String, configData: [UInt8]) throws(PriceAdapterError) {
        let names = ["constant": ConstantPriceAdapter.registryName, "linear": BoundedStepwiseLinearPriceAdapter.registryName,
                     "exponential": BoundedStepwiseExponentialPriceAdapter.registryName,
                     "logarithmic": BoundedStepwiseLogarithmicPriceAdapter.registryName]
        try self.init(name: names[kind] ?? kind, configData: configData)
    }
}
