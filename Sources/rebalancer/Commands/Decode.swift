import ArgumentParser
import AuctionPlanner
import ChainModel

/// `rebalancer decode <0x…>`: recognises calldata (by the selectors of `contracts-abi/`), raw
/// signed transactions and revert data, and prints them decoded field by field, adapter configs
/// inside `startRebalance` included.
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Recognise and decode calldata, a raw signed transaction or revert data.",
        discussion: """
        The bytes are tried, in order, as a raw signed transaction (legacy, EIP-2930, EIP-1559), \
        revert data (Error(string), Panic(uint256) or a custom error of contracts-abi/) and calldata \
        of a function of contracts-abi/; with --topic, as the data of an event log of contracts-abi/ \
        (as `rebalancer receipt` prints logs). Arguments print one a line by path: tuple members by name, \
        array elements as [i], and each AuctionExecutionParams' priceAdapterConfigData decoded into \
        the adapter's named parameters (…priceAdapterConfigData.initialPrice, …slope, …).

        Examples:
          rebalancer decode 0x6db4a262…            # bid calldata
          rebalancer decode --json 0x02f9…          # a signed startRebalance transaction
          rebalancer decode 0x08c379a0…            # revert data
          rebalancer decode --topic 0x… --topic 0x… 0x…   # a log's topics and data
        """
    )

    @Argument(help: "The bytes as 0x hex.")
    var data: String

    @Option(help: ArgumentHelp("The directory of JSON ABIs whose selectors are recognised.", valueName: "dir"))
    var abiDir: String = "contracts-abi"

    @Option(name: .customLong("topic"), help: ArgumentHelp("A log topic (repeat, topic0 first): decode the data as that event log's data.", valueName: "0x…"))
    var topics: [String] = []

    @Flag(help: "Print JSON: the kind, header fields, and the decoded fields as path/value pairs.")
    var json = false

    func run() throws {
        let bytes = try HexInput.bytes(data, field: "data")
        let catalog: ContractCatalog
        do { catalog = try ContractCatalog.load(directory: abiDir) } catch { throw CommandFailure(error.description) }
        let header: [(String, String)], fields: [AuditField]
        if topics.isEmpty {
            let decoded: DecodedData
            do { decoded = try catalog.recognise(bytes) } catch { throw CommandFailure(error.description) }
            let rows = try Self.rows(decoded)
            header = rows.header
            fields = rows.fields
        } else {
            var parsed: [Bytes32] = []
            for (index, topic) in topics.enumerated() {
                let topicBytes = try HexInput.bytes(topic, field: "--topic \(index)")
                do { parsed.append(try Bytes32(bytes: topicBytes)) } catch {
                    throw CommandFailure("--topic \(index): \(topicBytes.count) bytes; a topic is exactly 32 bytes")
                }
            }
            let log: DecodedLog
            do { log = try catalog.decodeLog(topics: parsed, data: bytes) } catch { throw CommandFailure(error.description) }
            header = [("kind", "log"), ("event", log.event.canonicalSignature), ("topic0", log.event.topic0.description),
                      ("contracts", log.contracts.joined(separator: ", "))]
            fields = log.fields
        }
        print(json ? Self.json(header: header, fields: fields) : AuditTable.render(header + fields.map { ($0.path, $0.value) }))
    }

    /// The header rows (kind, function, contracts, transaction fields) and the decoded fields.
    static func rows(_ decoded: DecodedData) throws(CommandFailure) -> (header: [(String, String)], fields: [AuditField]) {
        switch decoded {
        case let .call(call):
            return ([("kind", "call")] + callHeader(call), call.fields)
        case let .transaction(signed, call):
            let sender: Address
            do { sender = try signed.recoverSender() } catch { throw CommandFailure("signature: \(error)") }
            let header = [("kind", "transaction")] + DecodeTransaction.fields(signed, sender: sender)
            guard let call else { return (header, []) }
            return (header + callHeader(call), call.fields.map { AuditField(path: "input." + $0.path, value: $0.value) })
        case let .revert(reason):
            var header = [("kind", "revert"), ("reason", reason.description)]
            if case let .custom(error, values) = reason {
                header.append(("error", error.canonicalSignature))
                return (header, AuditFields.flatten(error.inputs, values))
            }
            return (header, [])
        }
    }

    private static func callHeader(_ call: DecodedCall) -> [(String, String)] {
        [("function", call.function.canonicalSignature), ("selector", call.function.selector.description),
         ("contracts", call.contracts.joined(separator: ", "))]
    }

    private static func json(header: [(String, String)], fields: [AuditField]) -> String {
        var lines = header.map { "  " + JSONText.string($0.0) + ": " + JSONText.string($0.1) }
        let entries = fields.map { "    {\"path\": " + JSONText.string($0.path) + ", \"value\": " + JSONText.string($0.value) + "}" }
        lines.append("  \"fields\": " + (entries.isEmpty ? "[]" : "[\n" + entries.joined(separator: ",\n") + "\n  ]"))
        return "{\n" + lines.joined(separator: ",\n") + "\n}"
    }
}

/// Two aligned columns: the names padded to the widest plus two spaces, then the values.
enum AuditTable {
    /// The rows as lines without a trailing line break.
    static func render(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 }.joined(separator: "\n")
    }
}
