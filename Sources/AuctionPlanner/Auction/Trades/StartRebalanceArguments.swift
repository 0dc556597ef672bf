import ChainModel

/// Why the `startRebalance` arguments cannot be assembled.
public enum StartRebalanceArgumentsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A component of the rebalance has neither its own adapter nor a fair price for the constant default.
    case missingAdapter(component: Address)
    /// An adapter fails `isPriceAdapterConfigDataValid` ("Price adapter config data invalid").
    case invalidAdapter(component: Address, name: String)
    /// A new component has target 0 ("New component target unit must be greater than 0").
    case newComponentTargetZero(component: Address)

    /// A sentence naming the component and the rule.
    public var description: String {
        switch self {
        case let .missingAdapter(c): return "\(c) has no price adapter and no fair price for a constant one"
        case let .invalidAdapter(c, name): return "\(c): \(name) config fails isPriceAdapterConfigDataValid (Price adapter config data invalid)"
        case let .newComponentTargetZero(c): return "\(c) is new with target 0 (New component target unit must be greater than 0)"
        }
    }
}

/// The per-component arguments of `startRebalance` (§2.3, §10.1): one params entry per current
/// component in `getComponents()` order — quote asset and removals included — and one per new component.
public struct StartRebalanceArguments: Sendable, Hashable {
    /// `_quoteAsset`.
    public var quoteAsset: Address
    /// `_newComponents`.
    public var newComponents: [Address]
    /// `_newComponentsAuctionParams`, aligned with `newComponents`.
    public var newComponentsAuctionParams: [AuctionExecutionParams]
    /// `_oldComponentsAuctionParams`, aligned with the `getComponents()` order the targets were read in.
    public var oldComponentsAuctionParams: [AuctionExecutionParams]
    /// `_initialPositionMultiplier`: the multiplier the targets refer to.
    public var initialPositionMultiplier: UInt256

    /// Assembles the arguments. Components with an entry in `adapters` use it; every other one
    /// (the quote asset, untouched components) gets a `ConstantPriceAdapter` at its fair price from
    /// `state.prices` (1e18 for the quote asset), since the module validates an adapter for every
    /// component. Throws when a component has neither, when an adapter is invalid, or when a new
    /// component's target is 0.
    public init(state: RebalanceState, targets: TargetUnits,
                adapters: [Address: PriceAdapter]) throws(StartRebalanceArgumentsError) {
        func params(_ token: Address) throws(StartRebalanceArgumentsError) -> AuctionExecutionParams {
            let adapter: PriceAdapter
            if let given = adapters[token] {
                adapter = given
            } else if let price = state.price(of: token) {
                adapter = .constant(ConstantPriceAdapter(price: price))
            } else {
                throw .missingAdapter(component: token)
            }
            if !adapter.isValid { throw .invalidAdapter(component: token, name: adapter.name) }
            return AuctionExecutionParams(targetUnit: targets.targetUnit(of: token), priceAdapter: adapter)
        }
        var old: [AuctionExecutionParams] = []
        for token in targets.oldComponents { old.append(try params(token)) }
        var new: [AuctionExecutionParams] = []
        for token in targets.newComponents {
            if targets.targetUnit(of: token).isZero { throw .newComponentTargetZero(component: token) }
            new.append(try params(token))
        }
        quoteAsset = state.quoteAsset
        newComponents = targets.newComponents
        newComponentsAuctionParams = new
        oldComponentsAuctionParams = old
        initialPositionMultiplier = targets.positionMultiplier
    }
}
