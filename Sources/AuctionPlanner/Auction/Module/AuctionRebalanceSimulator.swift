import ChainModel

/// `RebalanceInfo` of `AuctionRebalanceModuleV1`.
public struct RebalanceInfo: Sendable, Hashable {
    /// The quote asset (zero address before the first `startRebalance`).
    public var quoteAsset: Address = .zero
    /// `block.timestamp` of `startRebalance`.
    public var rebalanceStartTime: UInt256 = .zero
    /// Seconds; 0 after an early unlock.
    public var rebalanceDuration: UInt256 = .zero
    /// The position multiplier the targets refer to (lowered by `raiseAssetTargets`).
    public var positionMultiplier: UInt256 = .zero
    /// Persists across rebalances; reset only by `unlock` and `setRaiseTargetPercentage`.
    public var raiseTargetPercentage: UInt256 = .zero
    /// `getComponents()` at start followed by the new components.
    public var rebalanceComponents: [Address] = []
}

/// A pure, exact simulator of one SetToken with `AuctionRebalanceModuleV1` (solc 0.6.10,
/// SafeMath) and the four price adapters: sizes, directions, bids, position updates, completion
/// predicates, target raises and unlocks, to the wei (auction-module §2). External positions
/// are not modelled (every component is a default position).
///
/// Mutating calls are atomic like transactions: on a throw the state is unchanged.
public struct AuctionRebalanceSimulator: Sendable {
    /// The SetToken.
    public var setToken: SetTokenState
    /// `controller.getModuleFee(module, 0)` (1e18 = 100 %).
    public var protocolFee: UInt256
    /// Adapter names registered for the module in the IntegrationRegistry.
    public var registeredAdapterNames: Set<String>
    /// `executionInfo[set][token]` (missing = all zero).
    public internal(set) var executionInfo: [Address: AuctionExecutionParams]
    /// `rebalanceInfo[set]`.
    public internal(set) var rebalanceInfo: RebalanceInfo
    /// `block.timestamp` of the next call.
    public var blockTimestamp: UInt256

    /// The module just initialised for `setToken` (`initialize`): every component's target is its
    /// current real unit and the rebalance position multiplier is the Set's.
    public init(setToken: SetTokenState, protocolFee: UInt256 = .zero, blockTimestamp: UInt256 = .zero,
                registeredAdapterNames: Set<String> = Set(PriceAdapter.registryNames)) {
        self.setToken = setToken
        self.protocolFee = protocolFee
        self.registeredAdapterNames = registeredAdapterNames
        self.blockTimestamp = blockTimestamp
        var info: [Address: AuctionExecutionParams] = [:]
        for c in setToken.components {
            info[c] = AuctionExecutionParams(targetUnit: setToken.realUnit(of: c), priceAdapterName: "", priceAdapterConfigData: [])
        }
        executionInfo = info
        rebalanceInfo = RebalanceInfo(positionMultiplier: setToken.positionMultiplier)
    }

    /// Runs `body` on a copy and keeps it only when it succeeds (transaction semantics).
    private mutating func transaction<T>(_ body: (inout AuctionRebalanceSimulator) throws(AuctionModuleError) -> T) throws(AuctionModuleError) -> T {
        var copy = self
        let result = try body(&copy)
        self = copy
        return result
    }

    // MARK: startRebalance

    /// `startRebalance` with the checks of §2.3 in contract order. `oldComponentsAuctionParams[i]`
    /// belongs to `setToken.components[i]`. Throws the first failing check's revert.
    public mutating func startRebalance(quoteAsset: Address, newComponents: [Address],
                                        newComponentsAuctionParams: [AuctionExecutionParams],
                                        oldComponentsAuctionParams: [AuctionExecutionParams],
                                        shouldLockSetToken: Bool, rebalanceDuration: UInt256,
                                        initialPositionMultiplier: UInt256) throws(AuctionModuleError) {
        try transaction { (s: inout AuctionRebalanceSimulator) throws(AuctionModuleError) in
            if shouldLockSetToken {
                switch s.setToken.lock {
                case .lockedByAuctionModule: break
                case .lockedByOtherModule: throw .mustNotBeLocked
                case .unlocked: s.setToken.lock = .lockedByAuctionModule
                }
            }
            let old = s.setToken.components
            let all = old + newComponents
            if newComponents.count != newComponentsAuctionParams.count { throw .newComponentsAndParamsLengthMismatch }
            if old.count != oldComponentsAuctionParams.count { throw .oldComponentsAndParamsLengthMismatch }
            if Set(all).count != all.count { throw .cannotHaveDuplicateComponents }
            for (component, params) in zip(old, oldComponentsAuctionParams) {
                try s.validateAdapter(params, component: component)
            }
            for (component, params) in zip(newComponents, newComponentsAuctionParams) {
                if params.targetUnit.isZero { throw .newComponentTargetUnitMustBeGreaterThanZero(component: component) }
                try s.validateAdapter(params, component: component)
            }
            for (component, params) in zip(all, oldComponentsAuctionParams + newComponentsAuctionParams) {
                s.executionInfo[component] = params
            }
            s.rebalanceInfo.quoteAsset = quoteAsset
            s.rebalanceInfo.rebalanceStartTime = s.blockTimestamp
            s.rebalanceInfo.rebalanceDuration = rebalanceDuration
            s.rebalanceInfo.positionMultiplier = initialPositionMultiplier
            s.rebalanceInfo.rebalanceComponents = all
        }
    }

    private func validateAdapter(_ params: AuctionExecutionParams, component: Address) throws(AuctionModuleError) {
        guard registeredAdapterNames.contains(params.priceAdapterName),
              PriceAdapter.registryNames.contains(params.priceAdapterName) else {
            throw .mustBeValidAdapter(name: params.priceAdapterName)
        }
        let valid: Bool
        do {
            valid = try PriceAdapter.isPriceAdapterConfigDataValid(name: params.priceAdapterName, configData: params.priceAdapterConfigData)
        } catch { throw .priceAdapter(error) }
        if !valid { throw .priceAdapterConfigDataInvalid(component: component) }
    }

    // MARK: Views

    /// `isRebalanceDurationElapsed`: `startTime + duration <= now`.
    public func isRebalanceDurationElapsed() throws(AuctionModuleError) -> Bool {
        let end = try checked { () throws(SafeMathError) in try SafeMath.add(rebalanceInfo.rebalanceStartTime, rebalanceInfo.rebalanceDuration) }
        return end <= blockTimestamp
    }

    /// The normalised target `⌊targetUnit·pmNow/pmStart⌋`; throws "SafeMath: division by zero"
    /// for a zero rebalance multiplier.
    public func normalizedTargetUnit(_ component: Address) throws(AuctionModuleError) -> UInt256 {
        let target = executionInfo[component]?.targetUnit ?? .zero
        return try checked { () throws(SafeMathError) in
            try AuctionSizing.normalizedTargetUnit(targetUnit: target, positionMultiplier: setToken.positionMultiplier,
                                                   rebalancePositionMultiplier: rebalanceInfo.positionMultiplier)
        }
    }

    /// `getAuctionSizeAndDirection` (§2.5): direction and the remaining size, fee-grossed for buys.
    /// Throws `.targetAlreadyMet` when the current unit equals the normalised target exactly.
    public func auctionSizeAndDirection(_ component: Address) throws(AuctionModuleError) -> (isSellAuction: Bool, componentQuantity: UInt256) {
        try AuctionSizing.sizeAndDirection(totalSupply: setToken.totalSupply, currentUnit: setToken.realUnit(of: component),
                                           normalizedTargetUnit: try normalizedTargetUnit(component), protocolFee: protocolFee)
    }
}
