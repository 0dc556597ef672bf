import ArgumentParser
import ChainModel

/// `rebalancer fees`: the fees a transaction sent now would carry.
struct Fees: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print current fees: base fee, suggested tip and max fee (EIP-1559) or gas price.",
        discussion: """
        Max fee = 2 x the latest base fee + tip; the tip is the median over the last 10 blocks of \
        each block's 20th-percentile tip (eth_feeHistory). Chains without a base fee use eth_gasPrice. \
        Caps hold the result under the operator's limits.

        Examples:
          rebalancer fees
          rebalancer fees --max-fee 50gwei --max-tip 2gwei --json
        """
    )

    @Option(name: .customLong("max-fee"), help: "Cap on the max fee (or gas price) per gas, e.g. 50gwei.") var maxFee: String?
    @Option(name: .customLong("max-tip"), help: "Cap on the priority fee per gas, e.g. 2gwei.") var maxTip: String?
    @OptionGroup var node: RPCOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        var caps = FeeCaps()
        if let maxFee { caps.maxFeePerGas = try WeiInput.uint256(maxFee, option: "max-fee") }
        if let maxTip { caps.maxPriorityFeePerGas = try WeiInput.uint256(maxTip, option: "max-tip") }
        let client = try node.client()
        let latest = try rpc { () throws(RPCError) in try client.block(.latest) }
        let quote: FeeQuote
        do {
            quote = try DryRunner.quote(client: client, caps: caps)
        } catch {
            throw CommandFailure(error.description)
        }
        var members: [(String, JSONValue)] = []
        if let number = latest?.number { members.append(("block", .number(String(number)))) }
        if let baseFee = latest?.baseFeePerGas { members.append(("baseFeePerGas", .string(baseFee.description))) }
        switch quote {
        case let .dynamic(maxFee, tip):
            members.append(("maxPriorityFeePerGas", .string(tip.description)))
            members.append(("maxFeePerGas", .string(maxFee.description)))
        case let .legacy(gasPrice):
            members.append(("gasPrice", .string(gasPrice.description)))
        }
        if json {
            print(JSONValue.object(members).pretty)
        } else {
            let width = members.map(\.0.count).max() ?? 0
            for (key, value) in members {
                let text: String
                switch value {
                case let .string(s): text = s
                case let .number(n): text = n
                default: text = value.serialized
                }
                print(key + String(repeating: " ", count: width - key.count + 2) + text)
            }
        }
    }
}
