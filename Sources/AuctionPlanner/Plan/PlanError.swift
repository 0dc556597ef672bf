import ChainModel

/// Why a plan cannot be made: an input inconsistency (naming the file, field and rule) or a
/// reason the module would refuse the rebalance.
public enum PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An input file, or two files that disagree, naming the file, the JSON path and the rule.
    case input(InputFileError)
    /// Target units cannot be computed.
    case targets(TargetError)
    /// The module math would revert for a trade.
    case trades(TradePlanError)
    /// A price curve derived from the policy is invalid.
    case curve(component: Address, reason: String)
    /// The `startRebalance` arguments cannot be assembled.
    case arguments(StartRebalanceArgumentsError)
    /// The schedule of the curves cannot be generated.
    case schedule(AuctionScheduleError)
    /// A call could not be ABI-encoded.
    case encoding(function: String, reason: String)

    /// A sentence naming the field, the value and the rule.
    public var description: String {
        switch self {
        case let .input(error): return error.description
        case let .targets(error): return "target units: \(error.description)"
        case let .trades(error): return "trades: \(error.description)"
        case let .curve(component, reason): return "price curve of \(component): \(reason)"
        case let .arguments(error): return "startRebalance arguments: \(error.description)"
        case let .schedule(error): return "schedule: \(error.description)"
        case let .encoding(function, reason): return "cannot encode \(function): \(reason)"
        }
    }
}
