import ChainModel

/// Why a schedule cannot be generated.
public enum AuctionScheduleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `steps` must be ≥ 1.
    case stepsMustBePositive(Int)
    /// `duration` must be ≥ `steps` so that every step has its own second.
    case durationShorterThanSteps(duration: UInt256, steps: Int)
    /// A trade has no price adapter.
    case missingAdapter(component: Address)
    /// The adapter of a component reverted.
    case priceAdapter(component: Address, PriceAdapterError)
    /// A quote amount overflowed (the module would revert).
    case quoteOverflow(component: Address)

    /// A sentence naming the field, the value and the rule.
    public var description: String {
        switch self {
        case let .stepsMustBePositive(n): return "steps is \(n); it must be ≥ 1"
        case let .durationShorterThanSteps(d, n): return "duration \(Word256.decimal(d)) s is shorter than \(n) steps; it must be ≥ steps"
        case let .missingAdapter(c): return "no price adapter for \(c)"
        case let .priceAdapter(c, error): return "\(c): \(error.description)"
        case let .quoteOverflow(c): return "\(c): quote amount exceeds 2^256 − 1"
        }
    }
}

/// One component's auction over the schedule's steps.
public struct ComponentSchedule: Sendable, Hashable {
    /// The trade.
    public var trade: PlannedTrade
    /// Its price adapter.
    public var adapter: PriceAdapter
    /// `getPrice` at each step second.
    public var prices: [UInt256]
    /// The quote amount of the whole auction at each step's price (ceil for sells, floor for buys).
    public var quoteQuantities: [UInt256]
    /// The first second at which the price is at or past fair (sells ≤ fair, buys ≥ fair), or nil.
    public var fairCrossingSecond: UInt256?
    /// The curve at the end of the auction.
    public var endState: PriceCurveEndState
}

/// The price and quote schedule of every auction of a rebalance at `steps` evenly spaced seconds.
public struct AuctionSchedule: Sendable, Hashable {
    /// Auction duration in seconds.
    public var duration: UInt256
    /// Step seconds: `⌊k·duration/steps⌋` for k = 0…steps−1 (all within `[0, duration − 1]`).
    public var stepSeconds: [UInt256]
    /// One schedule per trade, in trade order.
    public var components: [ComponentSchedule]

    /// Generates the schedule of `trades` with their `adapters` (bit-exact `getPrice`).
    /// Throws for `steps < 1`, `duration < steps`, a missing adapter, an adapter revert or a quote overflow.
    public static func generate(trades: [PlannedTrade], adapters: [Address: PriceAdapter], duration: UInt256,
                                steps: Int) throws(AuctionScheduleError) -> AuctionSchedule {
        if steps < 1 { throw .stepsMustBePositive(steps) }
        if duration < UInt256(UInt64(steps)) { throw .durationShorterThanSteps(duration: duration, steps: steps) }
        var seconds: [UInt256] = []
        seconds.reserveCapacity(steps)
        let n = UInt256(UInt64(steps))
        for k in 0..<steps {
            let (product, overflow) = Word256.mul(duration, UInt256(UInt64(k)))
            // duration·k overflows only for durations near 2^256: fall back to ⌊duration/steps⌋·k.
            seconds.append(overflow ? Word256.mul(Word256.divMod(duration, n).quotient, UInt256(UInt64(k))).value
                                    : Word256.divMod(product, n).quotient)
        }
        var schedules: [ComponentSchedule] = []
        schedules.reserveCapacity(trades.count)
        for trade in trades {
            guard let adapter = adapters[trade.component] else { throw .missingAdapter(component: trade.component) }
            var prices: [UInt256] = [], quotes: [UInt256] = []
            prices.reserveCapacity(steps)
            quotes.reserveCapacity(steps)
            let component = trade.component
            func adapterCall<T>(_ body: () throws(PriceAdapterError) -> T) throws(AuctionScheduleError) -> T {
                do { return try body() } catch { throw .priceAdapter(component: component, error) }
            }
            for second in seconds {
                let price = try adapterCall { () throws(PriceAdapterError) in try adapter.price(timeElapsed: second) }
                prices.append(price)
                guard let quote = try? AuctionSizing.quoteQuantity(isSellAuction: trade.isSellAuction,
                                                                   componentQuantity: trade.auctionSize, price: price) else {
                    throw .quoteOverflow(component: component)
                }
                quotes.append(quote)
            }
            let crossing: PriceCrossing = trade.isSellAuction ? .atOrBelow : .atOrAbove
            let fairCrossing = try adapterCall { () throws(PriceAdapterError) in
                try adapter.firstSecond(crossing, trade.fairPrice, duration: duration)
            }
            let end = try adapterCall { () throws(PriceAdapterError) in try adapter.endState(duration: duration) }
            schedules.append(ComponentSchedule(trade: trade, adapter: adapter, prices: prices, quoteQuantities: quotes,
                                               fairCrossingSecond: fairCrossing, endState: end))
        }
        return AuctionSchedule(duration: duration, stepSeconds: seconds, components: schedules)
    }
}
