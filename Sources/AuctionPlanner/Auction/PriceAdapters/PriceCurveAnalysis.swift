import ChainModel

/// Which side of a fair price a bidder waits for.
public enum PriceCrossing: Sendable, Hashable {
    /// The price is at or below the fair price (a sell auction becomes attractive to bidders).
    case atOrBelow
    /// The price is at or above the fair price (a buy auction becomes attractive to bidders).
    case atOrAbove
}

/// Where a curve stands when its auction ends.
public struct PriceCurveEndState: Sendable, Hashable {
    /// The last second at which a bid is possible: `duration − 1`.
    public var lastSecond: UInt256
    /// The price at `lastSecond`.
    public var lastPrice: UInt256
    /// The bound the curve moves towards (`minPrice` falling, `maxPrice` rising, the price if constant).
    public var boundPrice: UInt256
    /// The first second at which the price equals the bound, or nil when it is not reached in time.
    public var boundReachedAt: UInt256?
}

extension PriceAdapter {
    /// The first second `t ∈ [0, duration − 1]` at which the price is `crossing` `fairPrice`, or
    /// nil when it never is. Prices are monotone and constant within a bucket, so this is a binary
    /// search over buckets. Throws `.invalidParams` (and the constant adapter's revert) for an
    /// invalid config, and nothing for `duration == 0` (it returns nil).
    public func firstSecond(_ crossing: PriceCrossing, _ fairPrice: UInt256, duration: UInt256) throws(PriceAdapterError) -> UInt256? {
        if duration.isZero { return nil }
        func holds(_ price: UInt256) -> Bool { crossing == .atOrBelow ? price <= fairPrice : price >= fairPrice }
        if holds(try price(timeElapsed: .zero)) { return .zero }
        // Only a curve moving towards the fair price can start to satisfy the predicate later.
        let towards = crossing == .atOrBelow ? isDecreasing : !isDecreasing
        guard towards else { return nil }
        let lastSecond = Word256.sub(duration, .one).value
        let bucketSize = self.bucketSize
        var low = UInt256.zero  // a bucket known not to hold
        var high = timeBucket(lastSecond, bucketSize)
        if !holds(try price(timeElapsed: Word256.mul(high, bucketSize).value)) { return nil }
        // Invariant: bucket `low` fails, bucket `high` holds (high > low since bucket 0 fails).
        while Word256.sub(high, low).value > .one {
            let mid = Word256.add(low, Word256.shr(Word256.sub(high, low).value, 1)).value
            if holds(try price(timeElapsed: Word256.mul(mid, bucketSize).value)) { high = mid } else { low = mid }
        }
        return Word256.mul(high, bucketSize).value
    }

    /// The curve's state at the end of an auction lasting `duration` seconds (`duration > 0`):
    /// the last biddable second and price, the bound, and when the bound is first reached.
    /// Throws the adapter's revert for an invalid config. For `duration == 0`, `lastSecond` is 0,
    /// the price is the price at 0 and `boundReachedAt` is nil.
    public func endState(duration: UInt256) throws(PriceAdapterError) -> PriceCurveEndState {
        let lastSecond = duration.isZero ? .zero : Word256.sub(duration, .one).value
        let bound = boundPrice
        let crossing: PriceCrossing = isDecreasing ? .atOrBelow : .atOrAbove
        return PriceCurveEndState(
            lastSecond: lastSecond,
            lastPrice: try price(timeElapsed: lastSecond),
            boundPrice: bound,
            boundReachedAt: try firstSecond(crossing, bound, duration: duration))
    }
}
