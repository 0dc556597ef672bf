import ArgumentParser
import ChainModel

/// `rebalancer call <to> "<sig>" args…`: an `eth_call`, the result decoded when the signature
/// names outputs, as `cast call` prints it.
struct Call: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Call a contract function without sending a transaction.",
        discussion: """
        A revert is reported with its decoded reason (Error(string), Panic, or a custom error \
        given with --error) and exit status 1.

        Examples:
          rebalancer call 0xToken 'balanceOf(address)(uint256)' 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf
          rebalancer call 0xToken 'decimals()(uint8)' --block 1200000
        """
    )

    @OptionGroup var input: CallInput
    @Option(help: "The block: latest, pending, earliest, safe, finalized or a number.") var block = "latest"
    @Option(name: .customLong("state-override"), help: ArgumentHelp("A JSON file of geth state overrides (balance, nonce, code, stateDiff per address).", valueName: "path"))
    var stateOverride: String?
    @OptionGroup var node: RPCOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let (function, request, known) = try input.resolve()
        let tag = try parseBlock(block)
        let overrides = try loadStateOverride(stateOverride)
        let client = try node.client()
        let data: [UInt8]
        do {
            data = try client.call(request, at: tag, stateOverride: overrides)
        } catch {
            throw revertFailure(error, knownErrors: known)
        }
        guard !function.outputs.isEmpty else {
            print(json ? JSONText.stringArray([Hex.encode(data)]) : Hex.encode(data))
            return
        }
        do {
            print(DecodedValueOutput.render(try function.decodeOutput(data), json: json))
        } catch {
            throw CommandFailure("result of \(function.canonicalSignature) (\(Hex.encode(data.prefix(64)))\(data.count > 64 ? "..." : "")): \(error)")
        }
    }
}

/// `rebalancer estimate <to> "<sig>" args…`: the gas the transaction needs, as `cast estimate`.
struct Estimate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Estimate the gas of a transaction.",
        discussion: """
        Example:
          rebalancer estimate 0xToken 'transfer(address,uint256)' 0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF 1e6 --from 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf
        """
    )

    @OptionGroup var input: CallInput
    @Option(help: "The block: latest or a number.") var block = "latest"
    @OptionGroup var node: RPCOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let (_, request, known) = try input.resolve()
        let tag = try parseBlock(block)
        let client = try node.client()
        let gas: UInt64
        do {
            gas = try client.estimateGas(request, at: tag)
        } catch {
            throw revertFailure(error, knownErrors: known)
        }
        print(json ? JSONValue.object([("gas", .number(String(gas)))]).pretty : String(gas))
    }
}
