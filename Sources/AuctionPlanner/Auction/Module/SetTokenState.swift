import ChainModel

/// Who holds a SetToken's lock.
public enum SetTokenLock: Sendable, Hashable {
    /// Not locked.
    case unlocked
    /// Locked by the auction module.
    case lockedByAuctionModule
    /// Locked by some other module.
    case lockedByOtherModule
}

/// The part of a SetToken the auction module reads and writes: ordered components, virtual
/// units, position multiplier, supply, token balances and the lock. Value type: a simulation
/// step copies it.
public struct SetTokenState: Sendable, Hashable {
    /// `getComponents()` in storage order (append on add, swap-and-pop on remove).
    public private(set) var components: [Address]
    /// Stored virtual units (`real·1e18/pm` at the time of the edit).
    public private(set) var virtualUnits: [Address: UInt256]
    /// `positionMultiplier()` (1e18 at creation, lowered by streaming fees).
    public private(set) var positionMultiplier: UInt256
    /// `totalSupply()`.
    public private(set) var totalSupply: UInt256
    /// `token.balanceOf(set)` for every token the Set holds (missing = 0).
    public var balances: [Address: UInt256]
    /// The lock.
    public var lock: SetTokenLock

    /// A SetToken with explicit storage. Components must be distinct; their virtual units come
    /// from `virtualUnits` (missing = 0).
    public init(components: [Address], virtualUnits: [Address: UInt256], positionMultiplier: UInt256,
                totalSupply: UInt256, balances: [Address: UInt256], lock: SetTokenLock = .unlocked) {
        self.components = components; self.virtualUnits = virtualUnits
        self.positionMultiplier = positionMultiplier; self.totalSupply = totalSupply
        self.balances = balances; self.lock = lock
    }

    /// A freshly created SetToken (pm 1e18, virtual = real units) after `supply` was issued through
    /// BasicIssuanceModule, which pulls `preciseMulCeil(supply, unit)` of each component.
    /// Throws a SafeMath revert when a product overflows.
    public static func issued(units: [(component: Address, realUnit: UInt256)], supply: UInt256) throws(SafeMathError) -> SetTokenState {
        var virtual: [Address: UInt256] = [:]
        var balances: [Address: UInt256] = [:]
        for (component, unit) in units {
            virtual[component] = unit
            balances[component] = try PreciseUnitMath.preciseMulCeil(supply, unit)
        }
        return SetTokenState(components: units.map(\.component), virtualUnits: virtual,
                             positionMultiplier: PreciseUnitMath.preciseUnit, totalSupply: supply, balances: balances)
    }

    /// `getDefaultPositionRealUnit(c)`: `⌊virtual·pm/1e18⌋`, 0 for a non-component. Saturates at
    /// 2²⁵⁶ − 1 where the contract would revert on overflow (a virtual unit above 2²⁵⁶/pm).
    public func realUnit(of component: Address) -> UInt256 {
        guard let virtual = virtualUnits[component], !virtual.isZero else { return .zero }
        return (try? PreciseUnitMath.preciseMul(virtual, positionMultiplier)) ?? .max
    }

    /// `balanceOf(set)` of `token`.
    public func balance(of token: Address) -> UInt256 { balances[token] ?? .zero }

    /// True when `component` is in `getComponents()`.
    public func isComponent(_ component: Address) -> Bool { components.contains(component) }

    /// `Position.calculateAndEditDefaultPosition`: recomputes the unit of `component` from its
    /// balance, adding the component when it gains a unit and removing it (swap-and-pop) when it
    /// loses it. Returns the new (pre-storage) real unit. Throws the SafeMath or unit-conversion revert.
    @discardableResult
    mutating func calculateAndEditDefaultPosition(_ component: Address, setTotalSupply: UInt256,
                                                  previousBalance: UInt256) throws(AuctionModuleError) -> UInt256 {
        let currentBalance = balance(of: component)
        let positionUnit = realUnit(of: component)
        var newUnit = UInt256.zero
        if !currentBalance.isZero {
            newUnit = try checked { () throws(SafeMathError) -> UInt256 in
                let airdropped = try SafeMath.sub(previousBalance, try PreciseUnitMath.preciseMul(positionUnit, setTotalSupply))
                return try PreciseUnitMath.preciseDiv(try SafeMath.sub(currentBalance, airdropped), setTotalSupply)
            }
        }
        let hasPosition = !positionUnit.isZero
        if !hasPosition && !newUnit.isZero {
            components.append(component)
        } else if hasPosition && newUnit.isZero, let index = components.firstIndex(of: component) {
            components.swapAt(index, components.count - 1)
            components.removeLast()
        }
        try editDefaultPositionUnit(component, newUnit)
        return newUnit
    }

    /// `editDefaultPositionUnit`: stores `⌊real·1e18/pm⌋`; throws the conversion reverts when a
    /// positive unit would round to 0 either way.
    mutating func editDefaultPositionUnit(_ component: Address, _ realUnit: UInt256) throws(AuctionModuleError) {
        let virtual = try checked { () throws(SafeMathError) in try PreciseUnitMath.conservativePreciseDiv(realUnit, positionMultiplier) }
        if !realUnit.isZero {
            if virtual.isZero { throw .realToVirtualUnitConversionInvalid }
            let back = try checked { () throws(SafeMathError) in try PreciseUnitMath.preciseMul(virtual, positionMultiplier) }
            if back.isZero { throw .virtualToRealUnitConversionInvalid }
        }
        virtualUnits[component] = virtual
    }

    /// Moves `amount` of `token` into (`incoming`) or out of the Set's balance.
    mutating func transfer(_ token: Address, _ amount: UInt256, incoming: Bool) throws(AuctionModuleError) {
        let current = balance(of: token)
        balances[token] = try checked { () throws(SafeMathError) in
            incoming ? try SafeMath.add(current, amount) : try SafeMath.sub(current, amount)
        }
    }

    /// StreamingFeeModule `accrueFee` after `elapsed` seconds at `streamingFeePercentage`
    /// (1e18 = 100 %/yr), auction-module §4 (see ``StreamingFeeDrift``). Throws
    /// `.whenLockedOnlyTheLockerCanCall` while locked, and SafeMath reverts.
    public mutating func accrueStreamingFee(elapsed: UInt256, streamingFeePercentage: UInt256) throws(AuctionModuleError) {
        if lock != .unlocked { throw .whenLockedOnlyTheLockerCanCall }
        let drift = try checked { () throws(SafeMathError) in
            try StreamingFeeDrift(positionMultiplier: positionMultiplier, totalSupply: totalSupply,
                                  elapsed: elapsed, streamingFeePercentage: streamingFeePercentage)
        }
        totalSupply = drift.totalSupply
        positionMultiplier = drift.positionMultiplier
    }
}
