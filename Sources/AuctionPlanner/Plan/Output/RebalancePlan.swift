import ChainModel

/// The result of planning one rebalance: targets, trades, curves and the ordered transactions,
/// with everything needed to print the tables and write the deterministic plan document.
public struct RebalancePlan: Sendable {
    /// What happens to a token in the rebalance.
    public enum Action: String, Sendable, Hashable {
        /// The Set sells some of it.
        case sell
        /// The Set buys more of it.
        case buy
        /// The Set sells all of it (target 0).
        case remove
        /// It joins the Set.
        case add
        /// The target equals the current unit.
        case hold
        /// The trade was below the minimum notional; the current unit is kept.
        case untouched
        /// A weighted new token whose whole position would be below the minimum; left out.
        case skipped
        /// The quote asset (its target absorbs rounding dust and fees).
        case quote
    }

    /// One row of the components table.
    public struct Row: Sendable, Hashable {
        /// The token.
        public var address: Address
        /// Its symbol.
        public var symbol: String
        /// Its decimals.
        public var decimals: Int
        /// Fair price in the adapter scale (§3.1).
        public var fairPrice: UInt256
        /// Current real unit.
        public var currentUnit: UInt256
        /// Target real unit.
        public var targetUnit: UInt256
        /// Current share of the Set's value, 1e18 = 100 %.
        public var currentWeight: UInt256
        /// Target weight from the weights file, 1e18 = 100 % (normalised to sum to exactly 1e18).
        public var targetWeight: UInt256
        /// What happens to it.
        public var action: Action
    }

    /// The input files and their hashes.
    public var inputs: [InputFileDigest]
    /// The state the plan was made from.
    public var snapshot: SetTokenSnapshot
    /// The policy.
    public var policy: RebalancePolicy
    /// The quote asset's symbol.
    public var quoteSymbol: String
    /// The quote asset's decimals.
    public var quoteDecimals: Int
    /// The protocol fee used (1e18 = 100 %).
    public var protocolFee: UInt256
    /// Rows in `rebalanceComponents` order, then skipped new tokens.
    public var rows: [Row]
    /// Trades, totals and the module-math warnings.
    public var tradeList: TradeList
    /// Price adapter of each traded component.
    public var adapters: [Address: PriceAdapter]
    /// The `startRebalance` arguments.
    public var arguments: StartRebalanceArguments
    /// Prices of every auction at the policy's steps, fair crossings and end states.
    public var schedule: AuctionSchedule
    /// The transactions to send, in order.
    public var transactions: [PlannedTransaction]
    /// Every warning, one sentence each.
    public var warnings: [String]

    /// The symbol of `token` (its checksummed address when unknown).
    public func symbol(of token: Address) -> String { rows.first { $0.address == token }?.symbol ?? token.checksummed }
}
