import ArgumentParser
import ChainModel
import Foundation

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

    @Option(name: .customLong("abi"), help: ArgumentHelp("A JSON ABI file (e.g. contracts-abi/AuctionRebalanceModuleV1.json) whose custom errors decode reverts (repeatable).", valueName: "path"))
    var abiFiles: [String] = []

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
        if let value { wei = try WeiInput.uint256(value, option: "value") }
        var known = try loadABIs(abiFiles).errors
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

/// Loads JSON ABI files (`contracts-abi/*.json`) given with `--abi`, for decoding reverts and logs.
/// Throws ``CommandFailure`` naming the file and the problem.
func loadABIs(_ paths: [String]) throws(CommandFailure) -> (errors: [ABIError], events: [ABIEvent]) {
    var errors: [ABIError] = [], events: [ABIEvent] = []
    for path in paths {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("abi: cannot read \(path)")
        }
        guard data.count <= 16 << 20 else { throw CommandFailure("abi: \(path) is larger than 16 MiB") }
        do {
            let abi = try ContractABI(json: data)
            errors += abi.errors
            events += abi.events
        } catch {
            throw CommandFailure("abi: \(path): \(error)")
        }
    }
    return (errors, events)
}

/// Reads a `--state-override` JSON file (geth's state-override set).
/// Throws ``CommandFailure`` naming the file, and the field and rule when it is malformed.
func loadStateOverride(_ path: String?) throws(CommandFailure) -> [(Address, AccountOverride)] {
    guard let path else { return [] }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure("state-override: cannot read \(path)")
    }
    guard data.count <= 16 << 20 else { throw CommandFailure("state-override: \(path) is larger than 16 MiB") }
    do {
        return try AccountOverride.parseSet(try JSONValue.parse([UInt8](data)))
    } catch {
        throw CommandFailure("state-override: \(path): \(error)")
    }
}
