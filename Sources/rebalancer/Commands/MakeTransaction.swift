import ArgumentParser
import ChainModel
import Foundation
import Secp

/// `rebalancer mktx`: builds and signs a transaction from explicit fields and prints the raw
/// signed transaction, as `cast mktx` does with every field given (no RPC).
struct MakeTransaction: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mktx",
        abstract: "Sign a transaction from explicit fields and print the raw signed transaction.",
        discussion: """
        Type: --max-fee with --priority-fee makes an EIP-1559 (type 2) transaction; --gas-price \
        makes a legacy EIP-155 one, or an EIP-2930 (type 1) one with --access-list. \
        --access-list takes JSON: [{"address": "0x…", "storageKeys": ["0x…"]}].
        Calldata: a function signature and its arguments in cast syntax, or --data 0x…; nothing means empty calldata.
        The key comes from --keystore (with --password-file or a prompt) or REBALANCER_PRIVATE_KEY; \
        the signer's address is printed on standard error before signing.

        Examples:
          rebalancer mktx --chain-id 1 --nonce 0 --gas-limit 100000 --max-fee 30gwei --priority-fee 1gwei \\
            --keystore key.json 0x1111111111111111111111111111111111111111 'transfer(address,uint256)' 0x2222222222222222222222222222222222222222 1e18
        """
    )

    @Flag(help: "Make a legacy (EIP-155) transaction; needs --gas-price.")
    var legacy = false

    @Option(help: "EIP-2930 access list as JSON.")
    var accessList: String?

    @Option(help: "The chain id.")
    var chainId: String

    @Option(help: "The sender's nonce.")
    var nonce: String

    @Option(help: "The gas limit.")
    var gasLimit: String

    @Option(help: "EIP-1559 max fee per gas (wei; units such as 30gwei allowed).")
    var maxFee: String?

    @Option(help: "EIP-1559 max priority fee per gas (wei).")
    var priorityFee: String?

    @Option(help: "Gas price for legacy and EIP-2930 transactions (wei).")
    var gasPrice: String?

    @Option(help: "Wei to send.")
    var value: String = "0"

    @Option(help: "Raw calldata as 0x hex (instead of a signature and arguments).")
    var data: String?

    @OptionGroup var key: KeyOptions

    @Argument(help: "The recipient address.")
    var to: String

    @Argument(help: "Optional function signature, e.g. 'transfer(address,uint256)'.")
    var signature: String?

    @Argument(parsing: .allUnrecognized, help: "One value per parameter, in cast syntax.")
    var arguments: [String] = []

    func run() throws {
        let transaction = try build()
        let signingKey = try key.loadKey()
        print(transaction.signed(with: signingKey).rawHex)
    }

    /// The unsigned transaction the options describe.
    /// - Throws: ``CommandFailure`` naming the option and the rule it breaks.
    func build() throws(CommandFailure) -> Transaction {
        let chainID = try WeiInput.uint64(chainId, option: "--chain-id")
        let recipient: Address
        do { recipient = try Address(to) } catch { throw CommandFailure("to: \(error)") }
        let list = try parseAccessList()
        let kind: TransactionKind
        switch (legacy, gasPrice, maxFee, priorityFee) {
        case (_, let price?, nil, nil):
            let price = try WeiInput.uint256(price, option: "--gas-price")
            if let list {
                guard !legacy else { throw CommandFailure("--legacy and --access-list exclude each other") }
                kind = .accessList(gasPrice: price, chainID: chainID, accessList: list)
            } else {
                kind = .legacy(gasPrice: price, chainID: chainID)
            }
        case (false, nil, let maxFee?, let priorityFee?):
            kind = .dynamicFee(maxPriorityFeePerGas: try WeiInput.uint256(priorityFee, option: "--priority-fee"),
                               maxFeePerGas: try WeiInput.uint256(maxFee, option: "--max-fee"),
                               chainID: chainID, accessList: list ?? [])
        case (true, nil, _, _):
            throw CommandFailure("--legacy needs --gas-price (and no --max-fee/--priority-fee)")
        default:
            throw CommandFailure("fees: give either --max-fee with --priority-fee (EIP-1559) or --gas-price alone (legacy/EIP-2930)")
        }
        return Transaction(kind: kind, nonce: try WeiInput.uint64(nonce, option: "--nonce"),
                           gasLimit: try WeiInput.uint64(gasLimit, option: "--gas-limit"), to: recipient,
                           value: try WeiInput.uint256(value, option: "--value"), data: try calldata())
    }

    private func parseAccessList() throws(CommandFailure) -> [AccessListEntry]? {
        guard let accessList else { return nil }
        do {
            return try JSONDecoder().decode([AccessListEntry].self, from: Data(accessList.utf8))
        } catch let DecodingError.dataCorrupted(context) {
            throw CommandFailure("--access-list: \(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, _) {
            throw CommandFailure("--access-list: missing field '\(key.stringValue)' (expected [{\"address\": \"0x…\", \"storageKeys\": [\"0x…\"]}])")
        } catch {
            throw CommandFailure("--access-list: expected JSON [{\"address\": \"0x…\", \"storageKeys\": [\"0x…\"]}]")
        }
    }

    private func calldata() throws(CommandFailure) -> [UInt8] {
        if let data {
            guard signature == nil else { throw CommandFailure("give either --data or a function signature with arguments, not both") }
            return try HexInput.bytes(data, field: "--data")
        }
        guard let signature else { return [] }
        let function = try SignatureInput.function(signature)
        let values = try SignatureInput.values(arguments, for: function)
        do { return try function.encodeCall(values) } catch { throw CommandFailure(error.description) }
    }
}
