import ArgumentParser
import ChainModel

/// `rebalancer receipt <hash>`: a mined transaction's receipt with its logs decoded.
struct Receipt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a transaction receipt, decoding logs with the given event signatures.",
        discussion: """
        Exit status 1 when the transaction is unknown or not yet mined.

        Example:
          rebalancer receipt 0x… --event 'Transfer(address indexed from, address indexed to, uint256 value)'
        """
    )

    @Argument(help: "The transaction hash.") var hash: String
    @Option(name: .customLong("event"), help: "An event signature to decode logs with (repeatable).") var events: [String] = []
    @Option(name: .customLong("abi"), help: ArgumentHelp("A JSON ABI file whose events decode logs (repeatable).", valueName: "path")) var abiFiles: [String] = []
    @OptionGroup var node: RPCOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let transactionHash: Bytes32
        do {
            transactionHash = try Bytes32(hex: hash)
        } catch {
            throw CommandFailure("hash: \(hash) must be 0x + 64 hex digits (\(error))")
        }
        var known: [ABIEvent] = try loadABIs(abiFiles).events
        for text in events {
            do {
                known.append(try ABIEvent(signature: text))
            } catch {
                throw CommandFailure("event: \(error.description)")
            }
        }
        let client = try node.client()
        guard let receipt = try rpc({ () throws(RPCError) in try client.transactionReceipt(transactionHash) }) else {
            throw CommandFailure("receipt: no receipt for \(transactionHash): the transaction is unknown or not yet mined")
        }
        print(json ? ReceiptOutput.json(receipt, events: known).pretty : ReceiptOutput.table(receipt, events: known))
    }
}

/// Rendering of receipts for `receipt` and `send`.
enum ReceiptOutput {
    /// The log decoded with the first of `events` it matches (topic0, topic count, data), or `nil`.
    static func decode(_ log: EventLog, _ events: [ABIEvent]) -> ABIDecodedLog? {
        for event in events {
            if let decoded = try? event.decodeLog(topics: log.topics, data: log.data) { return decoded }
        }
        return nil
    }

    static func logJSON(_ log: EventLog, events: [ABIEvent]) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("address", .string(log.address.checksummed)),
            ("topics", .array(log.topics.map { .string($0.description) })),
            ("data", .string(Hex.encode(log.data))),
            ("logIndex", .number(String(log.logIndex))),
        ]
        if let decoded = decode(log, events) {
            members.append(("event", .string(decoded.event.canonicalSignature)))
            members.append(("args", .object(decoded.fields.enumerated().map { index, field in
                (field.parameter.name.isEmpty ? String(index) : field.parameter.name, .string(CastSyntax.format(field.value, style: .raw)))
            })))
        }
        return .object(members)
    }

    static func json(_ receipt: TransactionReceipt, events: [ABIEvent]) -> JSONValue {
        .object([
            ("transactionHash", .string(receipt.transactionHash.description)),
            ("blockHash", .string(receipt.blockHash.description)),
            ("blockNumber", .number(String(receipt.blockNumber))),
            ("transactionIndex", .number(String(receipt.transactionIndex))),
            ("from", .string(receipt.from.checksummed)),
            ("to", receipt.to.map { .string($0.checksummed) } ?? .null),
            ("contractAddress", receipt.contractAddress.map { .string($0.checksummed) } ?? .null),
            ("status", .number(receipt.succeeded ? "1" : "0")),
            ("gasUsed", .number(String(receipt.gasUsed))),
            ("cumulativeGasUsed", .number(String(receipt.cumulativeGasUsed))),
            ("effectiveGasPrice", .string(receipt.effectiveGasPrice.description)),
            ("type", .number(String(receipt.type))),
            ("logs", .array(receipt.logs.map { logJSON($0, events: events) })),
        ])
    }

    static func table(_ receipt: TransactionReceipt, events: [ABIEvent]) -> String {
        var rows: [(String, String)] = [
            ("blockHash", receipt.blockHash.description),
            ("blockNumber", String(receipt.blockNumber)),
            ("contractAddress", receipt.contractAddress?.checksummed ?? ""),
            ("cumulativeGasUsed", String(receipt.cumulativeGasUsed)),
            ("effectiveGasPrice", receipt.effectiveGasPrice.description),
            ("from", receipt.from.checksummed),
            ("gasUsed", String(receipt.gasUsed)),
            ("status", receipt.succeeded ? "1 (success)" : "0 (failed)"),
            ("transactionHash", receipt.transactionHash.description),
            ("transactionIndex", String(receipt.transactionIndex)),
            ("type", String(receipt.type)),
            ("to", receipt.to?.checksummed ?? ""),
        ]
        for (index, log) in receipt.logs.enumerated() {
            if let decoded = decode(log, events) {
                let args = decoded.fields.map { field in
                    (field.parameter.name.isEmpty ? "" : field.parameter.name + ": ") + CastSyntax.format(field.value, style: .raw)
                }.joined(separator: ", ")
                rows.append(("log \(index)", "\(log.address.checksummed) \(decoded.event.name)(\(args))"))
            } else {
                rows.append(("log \(index)", "\(log.address.checksummed) topics [\(log.topics.map(\.description).joined(separator: ", "))] data \(Hex.encode(log.data))"))
            }
        }
        return rows.map { $0.0 + String(repeating: " ", count: max(1, 21 - $0.0.count)) + $0.1 }.joined(separator: "\n")
    }
}
