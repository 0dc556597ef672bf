import ChainModel

/// A revert of `AuctionRebalanceModuleV1` or the SetToken calls it makes, named after the
/// revert string (`description` is the exact string).
public enum AuctionModuleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// "New components and params length mismatch".
    case newComponentsAndParamsLengthMismatch
    /// "Old components and params length mismatch".
    case oldComponentsAndParamsLengthMismatch
    /// "Cannot have duplicate components".
    case cannotHaveDuplicateComponents
    /// "Must be valid adapter": the name is not registered.
    case mustBeValidAdapter(name: String)
    /// "Price adapter config data invalid".
    case priceAdapterConfigDataInvalid(component: Address)
    /// "New component target unit must be greater than 0".
    case newComponentTargetUnitMustBeGreaterThanZero(component: Address)
    /// "Must not be locked": another module holds the SetToken lock.
    case mustNotBeLocked
    /// "Cannot bid explicitly on Quote Asset".
    case cannotBidExplicitlyOnQuoteAsset
    /// "Quote asset mismatch".
    case quoteAssetMismatch
    /// "Component not part of rebalance".
    case componentNotPartOfRebalance(Address)
    /// "Rebalance must be in progress".
    case rebalanceMustBeInProgress
    /// "Component amount must be > 0".
    case componentAmountMustBePositive
    /// "Target already met": the current unit equals the normalised target exactly.
    case targetAlreadyMet
    /// "Auction direction mismatch".
    case auctionDirectionMismatch
    /// "Bid size exceeds auction quantity".
    case bidSizeExceedsAuctionQuantity
    /// "Quote asset quantity exceeds limit" (sell: the bidder would pay more than its maximum).
    case quoteAssetQuantityExceedsLimit
    /// "Quote asset quantity below limit" (buy: the bidder would receive less than its minimum).
    case quoteAssetQuantityBelowLimit
    /// "Insufficient quote asset balance".
    case insufficientQuoteAssetBalance
    /// "Targets not met or quote asset =~ 0".
    case targetsNotMetOrQuoteAssetApproximatelyZero
    /// "Cannot unlock early unless all targets are met and raiseTargetPercentage is zero".
    case cannotUnlockEarly
    /// "Must be locked".
    case mustBeLocked
    /// "Must be locker".
    case mustBeLocker
    /// "When locked, only the locker can call".
    case whenLockedOnlyTheLockerCanCall
    /// "Real to Virtual unit conversion invalid".
    case realToVirtualUnitConversionInvalid
    /// "Virtual to Real unit conversion invalid".
    case virtualToRealUnitConversionInvalid
    /// A `SafeMath` revert ("SafeMath: …").
    case safeMath(SafeMathError)
    /// A price adapter revert (or an undecodable config).
    case priceAdapter(PriceAdapterError)

    /// The revert string.
    public var description: String {
        switch self {
        case .newComponentsAndParamsLengthMismatch: return "New components and params length mismatch"
        case .oldComponentsAndParamsLengthMismatch: return "Old components and params length mismatch"
        case .cannotHaveDuplicateComponents: return "Cannot have duplicate components"
        case .mustBeValidAdapter: return "Must be valid adapter"
        case .priceAdapterConfigDataInvalid: return "Price adapter config data invalid"
        case .newComponentTargetUnitMustBeGreaterThanZero: return "New component target unit must be greater than 0"
        case .mustNotBeLocked: return "Must not be locked"
        case .cannotBidExplicitlyOnQuoteAsset: return "Cannot bid explicitly on Quote Asset"
        case .quoteAssetMismatch: return "Quote asset mismatch"
        case .componentNotPartOfRebalance: return "Component not part of rebalance"
        case .rebalanceMustBeInProgress: return "Rebalance must be in progress"
        case .componentAmountMustBePositive: return "Component amount must be > 0"
        case .targetAlreadyMet: return "Target already met"
        case .auctionDirectionMismatch: return "Auction direction mismatch"
        case .bidSizeExceedsAuctionQuantity: return "Bid size exceeds auction quantity"
        case .quoteAssetQuantityExceedsLimit: return "Quote asset quantity exceeds limit"
        case .quoteAssetQuantityBelowLimit: return "Quote asset quantity below limit"
        case .insufficientQuoteAssetBalance: return "Insufficient quote asset balance"
        case .targetsNotMetOrQuoteAssetApproximatelyZero: return "Targets not met or quote asset =~ 0"
        case .cannotUnlockEarly: return "Cannot unlock early unless all targets are met and raiseTargetPercentage is zero"
        case .mustBeLocked: return "Must be locked"
        case .mustBeLocker: return "Must be locker"
        case .whenLockedOnlyTheLockerCanCall: return "When locked, only the locker can call"
        case .realToVirtualUnitConversionInvalid: return "Real to Virtual unit conversion invalid"
        case .virtualToRealUnitConversionInvalid: return "Virtual to Real unit conversion invalid"
        case let .safeMath(error): return error.description
        case let .priceAdapter(error): return error.description
        }
    }
}

/// Runs SafeMath-throwing code, mapping its error into the module's.
@inlinable
func checked<T>(_ body: () throws(SafeMathError) -> T) throws(AuctionModuleError) -> T {
    do { return try body() } catch { throw .safeMath(error) }
}
