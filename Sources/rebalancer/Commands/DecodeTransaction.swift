import ArgumentParser
import ChainModel

/// `rebalancer decode-transaction <0xraw> [--json]`: every field of a raw signed transaction
/// and the recovered sender.
struct DecodeTransaction: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode-transaction",
        abstract: "Decode a raw signed transaction (legacy, EIP-2930, EIP-1559) and recover its sender.",
        discussion: """
        Decoding is strict: non-canonical RLP, wrong field counts, trailing bytes and high-s \
        signatures are refused. With --json the fields use the JSON-RPC names and hex quantities.

        Example:
          rebalancer decode-transaction 0x02f8…
        """
    )

    @Argument(help: "The raw signed transaction as 0x hex.")
    var raw: String

    @Flag(help: "Print JSON (JSON-RPC field names, hex quantities).")
    var json = false

    func run() throws {
        let bytes = try HexInput.bytes(raw, field: "raw transaction")
        let signed: SignedTransaction
        do { signed = try SignedTransaction(raw: bytes) } catch { throw CommandFailure(error.description) }
        let sender: Address
        do { sender = try signed.recoverSender() } catch { throw CommandFailure("signature: \(error)") }
        let fields = Self.fields(signed, sender: sender)
        if json {
            let body = fields.map { name, value in
                "  " + JSONText.string(name) + ": " + (name == "accessList" || value == "null" ? value : JSONText.string(value))
            }
            print("{\n" + body.joined(separator: ",\n") + "\n}")
        } else {
            let width = fields.map(\.0.count).max() ?? 0
            for (name, value) in fields {
                print(name + String(repeating: " ", count: width - name.count + 2) + value)
            }
        }
    }

    /// The fields in wire order, then the signature, hash and sender; quantities as `0x` hex.
    static func fields(_ signed: SignedTransaction, sender: Address) -> [(String, String)] {
        let transaction = signed.transaction
        func quantity(_ value: UInt256) -> String { value.hexString }
        func quantity(_ value: UInt64) -> String { UInt256(value).hexString }
        var fields: [(String, String)] = []
        switch transaction.kind {
        case let .legacy(gasPrice, chainID):
            fields.append(("type", "0x0"))
            fields.append(("chainId", chainID.map { quantity($0) } ?? "null"))
            fields.append(("nonce", quantity(transaction.nonce)))
            fields.append(("gasPrice", quantity(gasPrice)))
        case let .accessList(gasPrice, chainID, _):
            fields.append(("type", "0x1"))
            fields.append(("chainId", quantity(chainID)))
            fields.append(("nonce", quantity(transaction.nonce)))
            fields.append(("gasPrice", quantity(gasPrice)))
        case let .dynamicFee(priority, maxFee, chainID, _):
            fields.append(("type", "0x2"))
            fields.append(("chainId", quantity(chainID)))
            fields.append(("nonce", quantity(transaction.nonce)))
            fields.append(("maxPriorityFeePerGas", quantity(priority)))
            fields.append(("maxFeePerGas", quantity(maxFee)))
        }
        fields.append(("gas", quantity(transaction.gasLimit)))
        fields.append(("to", transaction.to?.checksummed ?? "null"))
        fields.append(("value", quantity(transaction.value)))
        fields.append(("input", Hex.encode(transaction.data)))
        if transaction.kind.typeByte != nil {
            let entries = transaction.kind.accessList.map { entry in
                "{\"address\":" + JSONText.string(entry.address.checksummed) + ",\"storageKeys\":["
                    + entry.storageKeys.map { JSONText.string($0.description) }.joined(separator: ",") + "]}"
            }
            fields.append(("accessList", "[" + entries.joined(separator: ",") + "]"))
            fields.append(("yParity", quantity(UInt64(signed.signature.yParity))))
        }
        fields.append(("v", quantity(signed.signature.v)))
        fields.append(("r", quantity(signed.signature.r)))
        fields.append(("s", quantity(signed.signature.s)))
        fields.append(("hash", signed.hash.description))
        fields.append(("from", sender.checksummed))
        return fields
    }
}
