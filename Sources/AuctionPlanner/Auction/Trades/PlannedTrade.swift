import ChainModel

/// One component's auction as the module will size it at the start of the rebalance.
public struct PlannedTrade: Sendable, Hashable {
    /// The component.
    public var component: Address
    /// True when the Set sells the component for the quote asset.
    public var isSellAuction: Bool
    /// The current real unit.
    public var currentUnit: UInt256
    /// The target real unit passed to `startRebalance`.
    public var targetUnit: UInt256
    /// The module's auction size (§2.5): `curN − tgtN` for sells, fee-grossed `(tgtN − curN)/(1 − fee)` for buys.
    public var auctionSize: UInt256
    /// The fair price (adapter scale, §3.1).
    public var fairPrice: UInt256
    /// The quote amount of the whole auction at the fair price (rounded up for sells, down for buys).
    public var expectedQuoteQuantity: UInt256
    /// The protocol fee the Set pays, in the token it receives (quote for sells, component for buys).
    public var expectedProtocolFee: UInt256
    /// True when the component joins the Set.
    public var isNewComponent: Bool
    /// True when the target is 0 (the component leaves the Set).
    public var isRemoval: Bool
    /// `expectedQuoteQuantity` valued in USD, 1e18-scaled (nil without a quote USD price).
    public var notionalUSD: UInt256?
}

/// A warning about a plan, from auction-module §2.9 and §10.
public enum PlanWarning: Sendable, Hashable, CustomStringConvertible {
    /// A locking rebalance whose quote target is 0 and whose quote unit is expected to end at ≤ 1 wei:
    /// `unlock` would revert forever with "SafeMath: subtraction overflow" (§2.9(1)).
    case lockedWithZeroQuoteTarget(expectedQuoteUnit: UInt256)
    /// After the full fill, the stored unit reads back 1 wei below the target, so a tiny auction in
    /// the opposite direction remains (§2.7); treat sizes up to `dust` as finished.
    case dustReverseAuction(component: Address)
    /// `raiseTargetPercentage` is non-zero on-chain and persists into this rebalance unless set (§2.3).
    case persistentRaiseTargetPercentage(current: UInt256)
    /// Removals reorder `getComponents()` by swap-and-pop: read the order again in the execution
    /// block before building `_oldComponentsAuctionParams` (§10.1).
    case componentOrderChangesAfterRemoval(removed: [Address])
    /// Buys need more quote than the Set holds plus all sell proceeds at fair prices (§10.5).
    case buysNotFundable(required: UInt256, available: UInt256)
    /// The quote asset is not a component: buys revert with "Insufficient quote asset balance"
    /// until sells have produced quote (§2.9(3)).
    case buysWaitForSells
    /// The supply is below 1e18, so one wei of notional is `unitsPerNotionalWei` wei of unit: fills
    /// can land that far from a target, beyond the module's ±1 wei tolerance, leaving targets
    /// "unmet" and reverse auctions behind.
    case supplyRoundingExceedsTolerance(unitsPerNotionalWei: UInt256)

    /// One sentence.
    public var description: String {
        switch self {
        case let .lockedWithZeroQuoteTarget(unit):
            return "locking rebalance with quote target 0 and expected quote unit \(Word256.decimal(unit)) ≤ 1 wei: unlock would revert (SafeMath: subtraction overflow); give the quote asset a positive target"
        case let .dustReverseAuction(component):
            return "\(component): the stored unit reads back 1 wei below the target after the fill; a dust reverse auction remains, treat it as finished"
        case let .persistentRaiseTargetPercentage(current):
            return "raiseTargetPercentage is \(Word256.decimal(current)) on-chain and persists; set it explicitly for this rebalance"
        case let .componentOrderChangesAfterRemoval(removed):
            return "removing \(removed.map(\.description).joined(separator: ", ")) reorders getComponents() (swap-and-pop); re-read the order in the execution block"
        case let .buysNotFundable(required, available):
            return "buys need \(Word256.decimal(required)) quote base units but only \(Word256.decimal(available)) are available after sells"
        case .buysWaitForSells:
            return "the quote asset is not a component: buys revert until sells have produced quote"
        case let .supplyRoundingExceedsTolerance(units):
            return "totalSupply below 1e18: one wei of notional is \(Word256.decimal(units)) wei of unit, so fills can miss targets by more than the ±1 wei tolerance"
        }
    }
}

/// The trade list of one rebalance.
public struct TradeList: Sendable, Hashable {
    /// The targets the trades come from.
    public var targets: TargetUnits
    /// Trades in `rebalanceComponents` order (the quote asset and met targets excluded).
    public var trades: [PlannedTrade]
    /// Σ of sell quote amounts (quote base units).
    public var totalSellQuote: UInt256
    /// Σ of buy quote amounts (quote base units).
    public var totalBuyQuote: UInt256
    /// The Set's total value in quote base units: `⌊setValue·S/1e18⌋`.
    public var totalValue: UInt256
    /// One-way turnover, 1e18 = 100 %: `⌊max(Σsell, Σbuy)·1e18/totalValue⌋`.
    public var turnover: UInt256
    /// Warnings (§2.9, §10).
    public var warnings: [PlanWarning]
}
