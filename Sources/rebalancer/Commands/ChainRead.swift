import ArgumentParser
import ChainModel

/// `rebalancer chain-id`: the node's chain id in decimal, as `cast chain-id` prints it.
struct ChainID: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain-id",
        abstract: "Print the chain id the node serves.",
        discussion: "Example:\n  rebalancer chain-id --rpc-url http://127.0.0.1:8545"
    )

    @OptionGroup var node: RPCOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let client = try node.client()
        let id = try rpc { () throws(RPCError) in try client.chainID() }
        print(json ? JSONValue.object([("chainId", .number(String(id)))]).pretty : String(id))
    }
}

/// `rebalancer block-number`: the latest block number in decimal.
struct BlockNumber: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block-number",
        abstract: "Print the number of the latest block.",
        discussion: "Example:\n  rebalancer block-number --rpc-url http://127.0.0.1:8545"
    )

    @OptionGroup var node: RPCOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let client = try node.client()
        let number = try rpc { () throws(RPCError) in try client.blockNumber() }
        print(json ? JSONValue.object([("blockNumber", .number(String(number)))]).pretty : String(number))
    }
}

/// `rebalancer nonce <address>`: the account's transaction count.
struct Nonce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an account's nonce (transaction count).",
        discussion: """
        Examples:
          rebalancer nonce 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf
          rebalancer nonce 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf --block pending
        """
    )

    @Argument(help: "The account address.") var address: String
    @Option(help: "The block: latest, pending, earliest, safe, finalized or a number.") var block = "latest"
    @OptionGroup var node: RPCOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let account = try parseAddress(address, field: "address")
        let tag = try parseBlock(block)
        let client = try node.client()
        let nonce = try rpc { () throws(RPCError) in try client.transactionCount(of: account, at: tag) }
        print(json ? JSONValue.object([("address", .string(account.checksummed)), ("block", .string(tag.description)),
                                       ("nonce", .number(String(nonce)))]).pretty : String(nonce))
    }
}

/// `rebalancer balance <address>`: the account's balance in wei (or ether with `--ether`).
struct Balance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an account's balance in wei.",
        discussion: """
        Examples:
          rebalancer balance 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf
          rebalancer balance 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf --ether --block 100
        """
    )

    @Argument(help: "The account address.") var address: String
    @Option(help: "The block: latest, pending, earliest, safe, finalized or a number.") var block = "latest"
    @Flag(help: "Print ether (exact decimal) instead of wei.") var ether = false
    @OptionGroup var node: RPCOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let account = try parseAddress(address, field: "address")
        let tag = try parseBlock(block)
        let client = try node.client()
        let wei = try rpc { () throws(RPCError) in try client.balance(of: account, at: tag) }
        if json {
            print(JSONValue.object([("address", .string(account.checksummed)), ("block", .string(tag.description)),
                                    ("wei", .string(wei.description)), ("ether", .string(Balance.ether(wei)))]).pretty)
        } else {
            print(ether ? Balance.ether(wei) : wei.description)
        }
    }

    /// `wei` as an exact decimal ether amount (`1.5`, `0.000000000000000001`, `2`).
    static func ether(_ wei: UInt256) -> String {
        let digits = wei.description
        guard digits.count > 18 else {
            let fraction = String(repeating: "0", count: 18 - digits.count) + digits
            let trimmed = fraction.reversed().drop { $0 == "0" }.reversed()
            return trimmed.isEmpty ? "0" : "0." + String(trimmed)
        }
        let whole = digits.dropLast(18)
        let fraction = digits.suffix(18).reversed().drop { $0 == "0" }.reversed()
        return fraction.isEmpty ? String(whole) : whole + "." + String(fraction)
    }
}
