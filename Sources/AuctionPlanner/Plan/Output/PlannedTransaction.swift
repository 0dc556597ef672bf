import ChainModel

/// One transaction of a plan: the contract called, the function, its decoded arguments and the calldata.
public struct PlannedTransaction: Sendable, Hashable {
    /// The contract called (the module, or the manager extension).
    public var to: Address
    /// The function.
    public var function: ABIFunction
    /// The arguments, aligned with `function.inputs`.
    public var arguments: [ABIValue]
    /// `selector ‖ abi.encode(arguments)`.
    public var calldata: [UInt8]
    /// Why the transaction is in the plan.
    public var purpose: String

    /// Encodes the call. Throws `PlanError.encoding` when the arguments do not match the signature.
    init(to: Address, signature: String, arguments: [ABIValue], purpose: String) throws(PlanError) {
        let function: ABIFunction
        do { function = try ABIFunction(signature: signature) } catch {
            throw .encoding(function: signature, reason: error.description)
        }
        do { calldata = try function.encodeCall(arguments) } catch {
            throw .encoding(function: signature, reason: error.description)
        }
        self.to = to
        self.function = function
        self.arguments = arguments
        self.purpose = purpose
    }
}

/// The signatures of the calls a plan makes, on the module (auction-module §2.3) and on
/// `AuctionRebalanceExtension` (§5.1), with parameter names for the decoded arguments.
enum RebalanceCalls {
    static let moduleStartRebalance = "startRebalance(address _setToken, address _quoteAsset, address[] _newComponents, "
        + "(uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] _newComponentsAuctionParams, "
        + "(uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] _oldComponentsAuctionParams, "
        + "bool _shouldLockSetToken, uint256 _rebalanceDuration, uint256 _initialPositionMultiplier)"
    static let moduleSetRaiseTargetPercentage = "setRaiseTargetPercentage(address _setToken, uint256 _raiseTargetPercentage)"
    static let moduleSetBidderStatus = "setBidderStatus(address _setToken, address[] _bidders, bool[] _statuses)"
    static let moduleSetAnyoneBid = "setAnyoneBid(address _setToken, bool _status)"

    static let extensionStartRebalance = "startRebalance(address _quoteAsset, address[] _oldComponents, address[] _newComponents, "
        + "(uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] _newComponentsAuctionParams, "
        + "(uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] _oldComponentsAuctionParams, "
        + "bool _shouldLockSetToken, uint256 _rebalanceDuration, uint256 _positionMultiplier)"
    static let extensionSetRaiseTargetPercentage = "setRaiseTargetPercentage(uint256 _raiseTargetPercentage)"
    static let extensionSetBidderStatus = "setBidderStatus(address[] _bidders, bool[] _statuses)"
    static let extensionSetAnyoneBid = "setAnyoneBid(bool _status)"

    static func params(_ list: [AuctionExecutionParams]) -> ABIValue {
        .array(list.map { .tuple([.uint($0.targetUnit), .string($0.priceAdapterName), .bytes($0.priceAdapterConfigData)]) })
    }

    /// The ordered transactions: raise-target percentage, bidder permissions, then `startRebalance`.
    static func transactions(set: Address, policy: RebalancePolicy, arguments: StartRebalanceArguments,
                             oldComponents: [Address], setRaiseTarget: Bool,
                             setAnyoneBid: Bool) throws(PlanError) -> [PlannedTransaction] {
        var out: [PlannedTransaction] = []
        let bidders = policy.bidders
        switch policy.route {
        case .module:
            let to = policy.module
            if setRaiseTarget, let pct = policy.raiseTargetPercentage {
                out.append(try PlannedTransaction(to: to, signature: moduleSetRaiseTargetPercentage, arguments: [.address(set), .uint(pct)],
                                                  purpose: "raise-target percentage for raiseAssetTargets"))
            }
            if setAnyoneBid, let anyone = policy.anyoneCanBid {
                out.append(try PlannedTransaction(to: to, signature: moduleSetAnyoneBid, arguments: [.address(set), .bool(anyone)],
                                                  purpose: "who may bid"))
            }
            if !bidders.isEmpty {
                out.append(try PlannedTransaction(
                    to: to, signature: moduleSetBidderStatus,
                    arguments: [.address(set), .array(bidders.map { .address($0) }), .array(bidders.map { _ in .bool(true) })],
                    purpose: "allow the policy's bidders"))
            }
            out.append(try PlannedTransaction(
                to: to, signature: moduleStartRebalance,
                arguments: [.address(set), .address(arguments.quoteAsset), .array(arguments.newComponents.map { .address($0) }),
                            params(arguments.newComponentsAuctionParams), params(arguments.oldComponentsAuctionParams),
                            .bool(policy.lockSetToken), .uint(UInt256(policy.durationSeconds)), .uint(arguments.initialPositionMultiplier)],
                purpose: "start the rebalance"))
        case let .extensionContract(to):
            if setRaiseTarget, let pct = policy.raiseTargetPercentage {
                out.append(try PlannedTransaction(to: to, signature: extensionSetRaiseTargetPercentage, arguments: [.uint(pct)],
                                                  purpose: "raise-target percentage for raiseAssetTargets"))
            }
            if setAnyoneBid, let anyone = policy.anyoneCanBid {
                out.append(try PlannedTransaction(to: to, signature: extensionSetAnyoneBid, arguments: [.bool(anyone)],
                                                  purpose: "who may bid"))
            }
            if !bidders.isEmpty {
                out.append(try PlannedTransaction(
                    to: to, signature: extensionSetBidderStatus,
                    arguments: [.array(bidders.map { .address($0) }), .array(bidders.map { _ in .bool(true) })],
                    purpose: "allow the policy's bidders"))
            }
            out.append(try PlannedTransaction(
                to: to, signature: extensionStartRebalance,
                arguments: [.address(arguments.quoteAsset), .array(oldComponents.map { .address($0) }),
                            .array(arguments.newComponents.map { .address($0) }),
                            params(arguments.newComponentsAuctionParams), params(arguments.oldComponentsAuctionParams),
                            .bool(policy.lockSetToken), .uint(UInt256(policy.durationSeconds)), .uint(arguments.initialPositionMultiplier)],
                purpose: "start the rebalance through the manager extension"))
        }
        return out
    }
}
