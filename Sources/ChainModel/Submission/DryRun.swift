/// What a dry run of one planned transaction found: the chain would accept it (with its gas and
/// cost at current fees) or would revert (with the decoded reason).
public struct DryRunReport: Sendable, Equatable {
    /// The outcome of `eth_call` and `eth_estimateGas`.
    public enum Outcome: Sendable, Equatable {
        /// The call succeeded: return data, estimated gas, the gas limit with margin.
        case success(returnData: [UInt8], gasEstimate: UInt64, gasLimit: UInt64)
        /// The call reverted; `reason` is decoded from the revert data.
        case reverted(RevertReason, message: String)
    }

    /// The request that was tried.
    public var request: CallRequest
    /// The block it was tried at.
    public var block: BlockTag
    /// The outcome.
    public var outcome: Outcome
    /// The fee quote at current fees (nil when the call reverted).
    public var fees: FeeQuote?

    /// Whether the chain would accept the transaction.
    public var succeeded: Bool {
        if case .success = outcome { return true }
        return false
    }

    /// The most the transaction can cost: gas limit × max price per gas (plus the value sent).
    public var maximumCost: UInt256? {
        guard case let .success(_, _, gasLimit) = outcome, let fees else { return nil }
        let (gasCost, overflow) = UInt256(gasLimit).multipliedReportingOverflow(by: fees.maximumPricePerGas)
        guard !overflow else { return nil }
        let (total, overflow2) = gasCost.addingReportingOverflow(request.value ?? .zero)
        return overflow2 ? nil : total
    }
}

/// Why a dry run could not be completed (as opposed to completing with a revert).
public enum DryRunError: Error, Equatable, CustomStringConvertible {
    /// The node could not be asked.
    case rpc(RPCError)
    /// No acceptable fee under the caps.
    case fees(FeeError)

    public var description: String {
        switch self {
        case let .rpc(error): return error.description
        case let .fees(error): return error.description
        }
    }
}

/// Runs `eth_call` and `eth_estimateGas` of a planned transaction from its real sender.
public enum DryRunner {
    /// Dry-runs `request` at `block` with optional state overrides (they apply to `eth_call`;
    /// `eth_estimateGas` runs on the real state, as nodes differ in supporting overrides there): a revert from either call is
    /// decoded (with `knownErrors` for custom errors) into `.reverted`; on success the gas limit is
    /// the estimate plus `gasMarginBasisPoints`, and fees are quoted from the fee history (legacy
    /// `eth_gasPrice` when the chain has no base fee) under `caps`. Throws `DryRunError` when the
    /// node fails otherwise or the caps leave no acceptable fee.
    public static func run(_ request: CallRequest, client: RPCClient, block: BlockTag = .latest,
                           stateOverride: [(Address, AccountOverride)] = [], knownErrors: [ABIError] = [],
                           gasMarginBasisPoints: UInt64 = 2_000, caps: FeeCaps = FeeCaps()) throws(DryRunError) -> DryRunReport {
        let returnData: [UInt8]
        let gas: UInt64
        do {
            returnData = try client.call(request, at: block, stateOverride: stateOverride)
            gas = try client.estimateGas(request, at: block)
        } catch {
            if let object = error.nodeError, object.isRevert {
                let reason = RevertReason.decode(object.revertData ?? [], abi: ContractABI(errors: knownErrors))
                return DryRunReport(request: request, block: block, outcome: .reverted(reason, message: object.message), fees: nil)
            }
            throw .rpc(error)
        }
        let fees = try quote(client: client, caps: caps)
        let limit = FeeEstimator.gasLimit(estimate: gas, marginBasisPoints: gasMarginBasisPoints)
        return DryRunReport(request: request, block: block,
                            outcome: .success(returnData: returnData, gasEstimate: gas, gasLimit: limit), fees: fees)
    }

    /// The current fee quote: EIP-1559 from `eth_feeHistory` (10 blocks, 20th percentile) when
    /// the latest block has a base fee, else legacy from `eth_gasPrice`; both under `caps`.
    /// Throws `DryRunError` for node failures or caps below the next base fee.
    public static func quote(client: RPCClient, caps: FeeCaps = FeeCaps()) throws(DryRunError) -> FeeQuote {
        let history: FeeHistory
        do {
            guard try client.block(.latest)?.baseFeePerGas != nil else {
                return FeeEstimator.legacyQuote(gasPrice: try client.gasPrice(), caps: caps)
            }
            history = try client.feeHistory(blockCount: FeeEstimator.historyBlocks, newest: .latest,
                                            percentiles: [FeeEstimator.rewardPercentile])
        } catch {
            throw .rpc(error)
        }
        do {
            return try FeeEstimator.dynamicQuote(history: history, caps: caps)
        } catch {
            throw .fees(error)
        }
    }
}
