import ArgumentParser
import ChainModel

/// The transaction options of `call`, `estimate` and `send`: the callee, the function and its
/// arguments in cast syntax, the sender, the value, and custom errors to decode reverts with.
struct CallInput: ParsableArguments {
    @Argument(help: "The contract address to call.")
    var to: String

    @Argument(help: "The function signature, e.g. 'balanceOf(address)(uint256)'; the second list, if any, decodes the result. Empty ('') sends no calldata.")
    var signature: String

    @Argument(parsing: .allUnrecognized, help: "One value per parameter, in cast syntax.")
    var arguments: [String] = []

    @Option(help: "The sender (for call and estimate: the real sender of the planned transaction).")
    var from: String?

    @Option(help: "Wei to send along (1000, 30gwei, 1.5ether).")
    var value: String?

    @Option(name: .customLong("error"), help: "A custom error signature to decode reverts with (repeatable), e.g. 'InsufficientBalance(address,uint256)'.")
    var errors: [String] = []

    /// The function, the request it makes, and the custom errors to decode with.
    /// Throws ``CommandFailure`` naming the bad argument or option.
    func resolve(from override: Address? = nil) throws(CommandFailure) -> (ABIFunction, CallRequest, [ABIError]) {
        let callee = try parseAddress(to, field: "to")
        let function: ABIFunction
        let input: [UInt8]
        if signature.isEmpty {
            guard arguments.isEmpty else { throw CommandFailure("signature: empty, so no arguments may follow (got \(arguments.count))") }
            function = ABIFunction(name: "", inputs: [])
            input = []
        } else {
            function = try SignatureInput.function(signature)
            let values = try SignatureInput.values(arguments, for: function)
            do {
                input = try function.encodeCall(values)
            } catch {
                throw CommandFailure(error.description)
            }
        }
        var sender = override
        if sender == nil, let from { sender = try parseAddress(from, field: "from") }
        var wei: UInt256? = nil
        if let value { wei = try parseWei(value, field: "value") }
        var known: [ABIError] = []
        for text in errors {
            do {
                known.append(try ABIError(signature: text))
            } catch {
                throw CommandFailure("error: \(error.description)")
            }
        }
        return (function, CallRequest(from: sender, to: callee, input: input, value: wei), known)
    }
}

/// The message of a reverted call: `execution reverted: <decoded reason>`.
func revertFailure(_ error: RPCError, knownErrors: [ABIError]) -> CommandFailure {
    guard let reason = error.nodeError?.revertReason(abi: ContractABI(errors: knownErrors)) else {
        return CommandFailure(error.description)
    }
    return CommandFailure(reason.executionSummary)
}
