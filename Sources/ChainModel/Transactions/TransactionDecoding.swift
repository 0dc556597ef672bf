import Secp

/// Why raw transaction bytes were refused. Field names are the JSON-RPC names (`nonce`, `gasPrice`, …).
public enum TransactionDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No bytes at all.
    case empty
    /// A first byte that is neither an RLP list (legacy) nor a supported EIP-2718 type (1, 2).
    case unsupportedType(UInt8)
    /// The RLP framing is broken or non-canonical.
    case rlp(RLPDecodingError)
    /// The payload is not an RLP list.
    case notAList
    /// The list has the wrong number of fields for the transaction type.
    case wrongFieldCount(type: UInt8, expected: Int, actual: Int)
    /// One field breaks its rule.
    case invalidField(String, RLPDecodingError)
    /// `to` is neither empty nor 20 bytes.
    case invalidRecipient(byteCount: Int)
    /// An access-list entry, storage key or address has the wrong shape.
    case invalidAccessList(String)
    /// A legacy `v` that is neither 27/28 nor `chainID·2 + 35/36`, or a typed y parity other than 0/1.
    case invalidV(UInt256)
    /// A chain id above 2⁶⁴ − 1.
    case chainIDTooLarge
    /// s above n/2: a malleable signature that Ethereum refuses (EIP-2).
    case highS
    /// r or s is zero or not below the curve order.
    case invalidSignature(SecpError)

    public var description: String {
        switch self {
        case .empty: return "raw transaction is empty"
        case let .unsupportedType(type):
            return "unsupported transaction type 0x\(String(type, radix: 16)): expected a legacy RLP list, 0x01 or 0x02"
        case let .rlp(error): return "raw transaction: \(error)"
        case .notAList: return "raw transaction: the payload is not an RLP list"
        case let .wrongFieldCount(type, expected, actual):
            return "type \(type) transaction needs \(expected) RLP fields, found \(actual)"
        case let .invalidField(name, error): return "field \(name): \(error)"
        case let .invalidRecipient(count): return "field to: expected empty or 20 bytes, found \(count) bytes"
        case let .invalidAccessList(reason): return "field accessList: \(reason)"
        case let .invalidV(v): return "field v: \(v.hexString) is not a valid signature v for this transaction type"
        case .chainIDTooLarge: return "field chainId: larger than 2^64-1"
        case .highS: return "field s: above n/2 (malleable high-s signatures are refused, EIP-2)"
        case let .invalidSignature(error): return "signature: \(error)"
        }
    }
}

extension SignedTransaction {
    /// Decodes a raw signed transaction: legacy (with or without EIP-155), EIP-2930 or EIP-1559.
    ///
    /// Strict: canonical RLP only, exact field count, minimal integers within their widths, no
    /// trailing bytes, r and s in range and s ≤ n/2. Call ``recoverSender()`` for the sender.
    /// - Returns: the transaction, its signature and the original bytes.
    /// - Throws: ``TransactionDecodingError`` naming the offending field.
    public init(raw: [UInt8]) throws(TransactionDecodingError) {
        guard let first = raw.first else { throw .empty }
        let type: UInt8?
        let body: ArraySlice<UInt8>
        if first >= 0xc0 {
            type = nil
            body = raw[...]
        } else if first == 1 || first == 2 {
            type = first
            body = raw.dropFirst()
        } else {
            throw .unsupportedType(first)
        }
        let item: RLPItem
        do { item = try RLP.decode(Array(body), maxDepth: 4) } catch { throw .rlp(error) }
        guard case let .list(fields) = item else { throw .notAList }

        let expected = type == nil ? 9 : (type == 1 ? 11 : 12)
        guard fields.count == expected else { throw .wrongFieldCount(type: type ?? 0, expected: expected, actual: fields.count) }

        func u64(_ index: Int, _ name: String) throws(TransactionDecodingError) -> UInt64 {
            do { return try fields[index].uint64Value() } catch { throw .invalidField(name, error) }
        }
        func u256(_ index: Int, _ name: String) throws(TransactionDecodingError) -> UInt256 {
            do { return try fields[index].uint256Value() } catch { throw .invalidField(name, error) }
        }
        func bytes(_ index: Int, _ name: String) throws(TransactionDecodingError) -> [UInt8] {
            do { return try fields[index].bytesValue() } catch { throw .invalidField(name, error) }
        }
        func recipient(_ index: Int) throws(TransactionDecodingError) -> Address? {
            let value = try bytes(index, "to")
            if value.isEmpty { return nil }
            guard value.count == 20 else { throw .invalidRecipient(byteCount: value.count) }
            return try? Address(bytes: value)
        }

        let transaction: Transaction
        let v: UInt256
        let parity: UInt8
        let signatureStart: Int
        switch type {
        case nil:
            let gasPrice = try u256(1, "gasPrice")
            v = try u256(6, "v")
            let chainID: UInt64?
            if v == UInt256(27) || v == UInt256(28) {
                chainID = nil
                parity = UInt8(v.w0 - 27)
            } else {
                // v = chainID·2 + 35 + parity, chainID < 2⁶⁴.
                guard v >= UInt256(35) else { throw .invalidV(v) }
                let (reduced, borrow) = v.w0.subtractingReportingOverflow(35)
                let high = v.w1 &- (borrow ? 1 : 0)
                guard v.w2 == 0, v.w3 == 0, high <= 1 else { throw .chainIDTooLarge }
                parity = UInt8(reduced & 1)
                chainID = reduced >> 1 | high << 63
            }
            transaction = Transaction(kind: .legacy(gasPrice: gasPrice, chainID: chainID), nonce: try u64(0, "nonce"),
                                      gasLimit: try u64(2, "gasLimit"), to: try recipient(3), value: try u256(4, "value"),
                                      data: try bytes(5, "data"))
            signatureStart = 6
        case 1?:
            let chainID = try Self.chainID(fields[0])
            let list = try Self.accessList(fields[7])
            transaction = Transaction(kind: .accessList(gasPrice: try u256(2, "gasPrice"), chainID: chainID, accessList: list),
                                      nonce: try u64(1, "nonce"), gasLimit: try u64(3, "gasLimit"), to: try recipient(4),
                                      value: try u256(5, "value"), data: try bytes(6, "data"))
            v = try u256(8, "yParity")
            guard v <= UInt256.one else { throw .invalidV(v) }
            parity = UInt8(v.w0)
            signatureStart = 8
        default:
            let chainID = try Self.chainID(fields[0])
            let list = try Self.accessList(fields[8])
            transaction = Transaction(
                kind: .dynamicFee(maxPriorityFeePerGas: try u256(2, "maxPriorityFeePerGas"), maxFeePerGas: try u256(3, "maxFeePerGas"),
                                  chainID: chainID, accessList: list),
                nonce: try u64(1, "nonce"), gasLimit: try u64(4, "gasLimit"), to: try recipient(5),
                value: try u256(6, "value"), data: try bytes(7, "data"))
            v = try u256(9, "yParity")
            guard v <= UInt256.one else { throw .invalidV(v) }
            parity = UInt8(v.w0)
            signatureStart = 9
        }
        let r = try u256(signatureStart + 1, "r")
        let s = try u256(signatureStart + 2, "s")
        let recoverable: RecoverableSignature
        do {
            recoverable = try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { buffer throws(SecpError) in
                r.storeBigEndianWord(to: buffer.baseAddress!)
                s.storeBigEndianWord(to: buffer.baseAddress! + 32)
                return try RecoverableSignature(compact: buffer.baseAddress!, recoveryID: Int(parity))
            }
        } catch {
            throw .invalidSignature(error)
        }
        guard recoverable.hasLowS else { throw .highS }
        // Every field was checked to be in canonical form, so `raw` is exactly what the encoder
        // writes for these fields (the tests re-encode every accepted fuzz input to confirm it).
        self.init(transaction: transaction, signature: transaction.wireSignature(recoverable), recoverable: recoverable, raw: raw)
    }

    /// Decodes `0x`-prefixed (or bare) hex of a raw signed transaction.
    /// - Throws: ``TransactionRawHexError/hex(_:)`` for text that is not hex, else
    ///   ``TransactionRawHexError/transaction(_:)`` with the decoding error.
    public init(rawHex: String) throws(TransactionRawHexError) {
        let bytes: [UInt8]
        do { bytes = try Hex.decode(rawHex) } catch { throw .hex(error) }
        do { try self.init(raw: bytes) } catch { throw .transaction(error) }
    }

    private static func chainID(_ item: RLPItem) throws(TransactionDecodingError) -> UInt64 {
        do { return try item.uint64Value() } catch {
            if case .integerTooLarge = error { throw .chainIDTooLarge }
            throw .invalidField("chainId", error)
        }
    }

    private static func accessList(_ item: RLPItem) throws(TransactionDecodingError) -> [AccessListEntry] {
        guard case let .list(entries) = item else { throw .invalidAccessList("expected a list of [address, [storageKeys]]") }
        var list: [AccessListEntry] = []
        for (index, entry) in entries.enumerated() {
            guard case let .list(parts) = entry, parts.count == 2,
                  case let .bytes(addressBytes) = parts[0], case let .list(keys) = parts[1] else {
                throw .invalidAccessList("entry \(index) is not [address, [storageKeys]]")
            }
            guard let address = try? Address(bytes: addressBytes) else {
                throw .invalidAccessList("entry \(index) address has \(addressBytes.count) bytes, expected 20")
            }
            var storageKeys: [Bytes32] = []
            for (keyIndex, key) in keys.enumerated() {
                guard case let .bytes(keyBytes) = key, let word = try? Bytes32(bytes: keyBytes) else {
                    throw .invalidAccessList("entry \(index) storage key \(keyIndex) is not 32 bytes")
                }
                storageKeys.append(word)
            }
            list.append(AccessListEntry(address: address, storageKeys: storageKeys))
        }
        return list
    }
}

/// Why hex text of a raw transaction was refused.
public enum TransactionRawHexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not hex.
    case hex(Hex.DecodingError)
    /// The bytes are not a valid signed transaction.
    case transaction(TransactionDecodingError)

    public var description: String {
        switch self {
        case let .hex(error): return "raw transaction hex: \(error)"
        case let .transaction(error): return error.description
        }
    }
}
