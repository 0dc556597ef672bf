import ChainModel

extension AuctionRebalanceSimulator {
    /// `_targetUnmet(c)` (§2.7): false for the quote asset; `!approximatelyEquals(tu, cu, 1)` for a
    /// positive target; `cu != 0` for a zero target. Throws "SafeMath: subtraction overflow" for
    /// `tu == 1, cu == 0` (§2.9(1)).
    public func isTargetUnmet(_ component: Address) throws(AuctionModuleError) -> Bool {
        if component == rebalanceInfo.quoteAsset { return false }
        let target = try normalizedTargetUnit(component)
        let current = setToken.realUnit(of: component)
        if target.isZero { return !current.isZero }
        return !(try checked { () throws(SafeMathError) in try PreciseUnitMath.approximatelyEquals(target, current, .one) })
    }

    /// `allTargetsMet`: no component of the rebalance is unmet; stops at the first unmet one.
    public func allTargetsMet() throws(AuctionModuleError) -> Bool {
        for component in rebalanceInfo.rebalanceComponents where try isTargetUnmet(component) { return false }
        return true
    }

    /// `isQuoteAssetExcessOrAtTarget`: `cu > tu || approximatelyEquals(cu, tu, 1)` for the quote
    /// asset. Throws "SafeMath: subtraction overflow" when `tu == 0` and `cu ≤ 1` (§2.9(1)).
    public func isQuoteAssetExcessOrAtTarget() throws(AuctionModuleError) -> Bool {
        let quote = rebalanceInfo.quoteAsset
        let target = try normalizedTargetUnit(quote)
        let current = setToken.realUnit(of: quote)
        if current > target { return true }
        return try checked { () throws(SafeMathError) in try PreciseUnitMath.approximatelyEquals(current, target, .one) }
    }

    /// `canRaiseAssetTargets`: all targets met and the quote unit strictly above its target
    /// (both evaluated).
    public func canRaiseAssetTargets() throws(AuctionModuleError) -> Bool {
        let met = try allTargetsMet()
        let quote = rebalanceInfo.quoteAsset
        let excess = setToken.realUnit(of: quote) > (try normalizedTargetUnit(quote))
        return met && excess
    }

    /// `canUnlockEarly`: `allTargetsMet && isQuoteAssetExcessOrAtTarget && raiseTargetPercentage == 0`,
    /// short-circuiting like Solidity's `&&`.
    public func canUnlockEarly() throws(AuctionModuleError) -> Bool {
        guard try allTargetsMet() else { return false }
        guard try isQuoteAssetExcessOrAtTarget() else { return false }
        return rebalanceInfo.raiseTargetPercentage.isZero
    }

    /// `setRaiseTargetPercentage` (0 allowed).
    public mutating func setRaiseTargetPercentage(_ percentage: UInt256) {
        rebalanceInfo.raiseTargetPercentage = percentage
    }

    /// `raiseAssetTargets`: "Rebalance must be in progress", then "Targets not met or quote asset =~ 0",
    /// then `pm = preciseDiv(pm, 1e18 + raiseTargetPercentage)`. Returns the new rebalance multiplier.
    @discardableResult
    public mutating func raiseAssetTargets() throws(AuctionModuleError) -> UInt256 {
        if try isRebalanceDurationElapsed() { throw .rebalanceMustBeInProgress }
        guard try canRaiseAssetTargets() else { throw .targetsNotMetOrQuoteAssetApproximatelyZero }
        let raise = rebalanceInfo.raiseTargetPercentage
        let newMultiplier = try checked { () throws(SafeMathError) in
            try PreciseUnitMath.preciseDiv(rebalanceInfo.positionMultiplier, try SafeMath.add(PreciseUnitMath.preciseUnit, raise))
        }
        rebalanceInfo.positionMultiplier = newMultiplier
        return newMultiplier
    }

    /// `unlock`: allowed after the duration or when ``canUnlockEarly()`` (always evaluated, so its
    /// §2.9(1) revert blocks the unlock even after the duration). An early unlock ends the
    /// rebalance (duration 0). Resets `raiseTargetPercentage` and unlocks the Set ("Must be
    /// locked" / "Must be locker"). Returns true for an early unlock.
    @discardableResult
    public mutating func unlock() throws(AuctionModuleError) -> Bool {
        let elapsed = try isRebalanceDurationElapsed()
        let early = try canUnlockEarly()
        guard elapsed || early else { throw .cannotUnlockEarly }
        switch setToken.lock {
        case .unlocked: throw .mustBeLocked
        case .lockedByOtherModule: throw .mustBeLocker
        case .lockedByAuctionModule: break
        }
        if early { rebalanceInfo.rebalanceDuration = .zero }
        rebalanceInfo.raiseTargetPercentage = .zero
        setToken.lock = .unlocked
        return early
    }
}
