import Secp

extension Transaction {
    /// The sizes of the field groups of the transaction's RLP list, without the trailing
    /// signature or EIP-155 fields.
    func fieldsPayloadCount() -> Int {
        var count = RLP.encodedCount(nonce) + RLP.encodedCount(gasLimit) + (to == nil ? 1 : 21)
            + RLP.encodedCount(value) + RLP.encodedCount(byteStringCount: data.count, first: data.first)
        switch kind {
        case let .legacy(gasPrice, _):
            count += RLP.encodedCount(gasPrice)
        case let .accessList(gasPrice, chainID, list):
            count += RLP.encodedCount(chainID) + RLP.encodedCount(gasPrice) + Self.accessListEncodedCount(list)
        case let .dynamicFee(priority, maxFee, chainID, list):
            count += RLP.encodedCount(chainID) + RLP.encodedCount(priority) + RLP.encodedCount(maxFee)
                + Self.accessListEncodedCount(list)
        }
        return count
    }

    static func accessListEncodedCount(_ list: [AccessListEntry]) -> Int {
        var payload = 0
        for entry in list { payload += RLP.encodedCount(listPayloadCount: entryPayloadCount(entry)) }
        return RLP.encodedCount(listPayloadCount: payload)
    }

    static func entryPayloadCount(_ entry: AccessListEntry) -> Int {
        21 + RLP.encodedCount(listPayloadCount: 33 * entry.storageKeys.count)
    }

    /// Writes the fields (without the trailing signature or EIP-155 fields) in wire order.
    func writeFields(_ writer: inout RLPWriter) {
        switch kind {
        case let .legacy(gasPrice, _):
            writer.write(nonce)
            writer.write(gasPrice)
            writeCommon(&writer)
        case let .accessList(gasPrice, chainID, list):
            writer.write(chainID)
            writer.write(nonce)
            writer.write(gasPrice)
            writeCommon(&writer)
            Self.writeAccessList(list, &writer)
        case let .dynamicFee(priority, maxFee, chainID, list):
            writer.write(chainID)
            writer.write(nonce)
            writer.write(priority)
            writer.write(maxFee)
            writeCommon(&writer)
            Self.writeAccessList(list, &writer)
        }
    }

    private func writeCommon(_ writer: inout RLPWriter) {
        writer.write(gasLimit)
        if let to { writer.write(to) } else { writer.writeEmpty() }
        writer.write(value)
        data.withUnsafeBytes { writer.writeBytes($0) }
    }

    static func writeAccessList(_ list: [AccessListEntry], _ writer: inout RLPWriter) {
        var payload = 0
        for entry in list { payload += RLP.encodedCount(listPayloadCount: entryPayloadCount(entry)) }
        writer.writeListHeader(payloadCount: payload)
        for entry in list {
            writer.writeListHeader(payloadCount: entryPayloadCount(entry))
            writer.write(entry.address)
            writer.writeListHeader(payloadCount: 33 * entry.storageKeys.count)
            for key in entry.storageKeys { writer.write(key) }
        }
    }

    /// The bytes whose Keccak-256 hash is signed: `rlp(fields)` (legacy, with `chainID, 0, 0`
    /// appended under EIP-155) or `type ‖ rlp(fields)` for typed transactions.
    public var signingPayload: [UInt8] {
        let count = signingPayloadCount
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            writeSigningPayload(into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// The size of ``signingPayload``.
    public var signingPayloadCount: Int {
        var payload = fieldsPayloadCount()
        if case let .legacy(_, chainID?) = kind { payload += RLP.encodedCount(chainID) + 2 }
        return (kind.typeByte == nil ? 0 : 1) + RLP.encodedCount(listPayloadCount: payload)
    }

    /// Writes ``signingPayload`` into `buffer`, which must hold ``signingPayloadCount`` bytes.
    public func writeSigningPayload(into buffer: UnsafeMutableRawBufferPointer) {
        var payload = fieldsPayloadCount()
        if case let .legacy(_, chainID?) = kind { payload += RLP.encodedCount(chainID) + 2 }
        var writer = RLPWriter(buffer)
        if let type = kind.typeByte { writer.writeRawByte(type) }
        writer.writeListHeader(payloadCount: payload)
        writeFields(&writer)
        if case let .legacy(_, chainID?) = kind {
            writer.write(chainID)
            writer.write(0 as UInt64)
            writer.write(0 as UInt64)
        }
        precondition(writer.offset == buffer.count, "signing payload size mismatch")
    }

    /// The Keccak-256 hash that the sender signs.
    public var signingHash: Bytes32 {
        let count = signingPayloadCount
        return withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) { buffer in
            writeSigningPayload(into: buffer)
            return Keccak256.hash(UnsafeRawBufferPointer(buffer))
        }
    }

    /// Signs the transaction with `key` (RFC 6979, low s).
    /// - Returns: the signed transaction with its raw encoding.
    public func signed(with key: PrivateKey) -> SignedTransaction {
        let digest = signingHash
        return SignedTransaction(transaction: self, recoverable: key.signRecoverable(digest: digest))
    }

    /// The wire signature fields for a recoverable signature over this transaction.
    func wireSignature(_ signature: RecoverableSignature) -> TransactionSignature {
        let parity = UInt64(signature.recoveryID)
        let v: UInt256
        switch kind {
        case .legacy(_, nil):
            v = UInt256(27 + parity)
        case let .legacy(_, chainID?):
            // chainID·2 + 35 + parity, carried into the second limb.
            let doubled = chainID << 1
            let (low, overflow) = doubled.addingReportingOverflow(35 + parity)
            v = UInt256(w0: low, w1: (chainID >> 63) + (overflow ? 1 : 0), w2: 0, w3: 0)
        case .accessList, .dynamicFee:
            v = UInt256(parity)
        }
        return TransactionSignature(
            v: v,
            r: UInt256(w0: signature.r.3, w1: signature.r.2, w2: signature.r.1, w3: signature.r.0),
            s: UInt256(w0: signature.s.3, w1: signature.s.2, w2: signature.s.1, w3: signature.s.0),
            yParity: signature.recoveryID)
    }
}

/// A signed transaction: the fields, the signature and the raw bytes that go on chain.
public struct SignedTransaction: Equatable, Sendable {
    /// The signed fields.
    public let transaction: Transaction
    /// `v`, `r`, `s` (and the y parity) as encoded.
    public let signature: TransactionSignature
    /// The recoverable signature (r, s, recovery id).
    public let recoverable: RecoverableSignature
    /// The raw signed transaction: `rlp([fields…, v, r, s])` or `type ‖ rlp([fields…, yParity, r, s])`.
    public let raw: [UInt8]

    /// Creates the signed form of `transaction` under `recoverable` and encodes it.
    public init(transaction: Transaction, recoverable: RecoverableSignature) {
        self.transaction = transaction
        self.recoverable = recoverable
        let signature = transaction.wireSignature(recoverable)
        self.signature = signature
        let payload = transaction.fieldsPayloadCount() + RLP.encodedCount(signature.v)
            + RLP.encodedCount(signature.r) + RLP.encodedCount(signature.s)
        let count = (transaction.kind.typeByte == nil ? 0 : 1) + RLP.encodedCount(listPayloadCount: payload)
        self.raw = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var writer = RLPWriter(UnsafeMutableRawBufferPointer(buffer))
            if let type = transaction.kind.typeByte { writer.writeRawByte(type) }
            writer.writeListHeader(payloadCount: payload)
            transaction.writeFields(&writer)
            writer.write(signature.v)
            writer.write(signature.r)
            writer.write(signature.s)
            precondition(writer.offset == count, "signed transaction size mismatch")
            initialized = count
        }
    }

    /// Assembles a decoded transaction from its parts without re-encoding.
    init(transaction: Transaction, signature: TransactionSignature, recoverable: RecoverableSignature, raw: [UInt8]) {
        self.transaction = transaction
        self.signature = signature
        self.recoverable = recoverable
        self.raw = raw
    }

    /// The transaction hash: Keccak-256 of ``raw``.
    public var hash: Bytes32 { Keccak256.hash(raw) }

    /// The raw transaction as `0x`-prefixed lowercase hex.
    public var rawHex: String { Hex.encode(raw) }

    /// Recovers the sender's address from the signature over the signing hash.
    /// - Returns: the address of the key that signed.
    /// - Throws: ``SecpError/recoveryFailed`` when no key matches.
    public func recoverSender() throws(SecpError) -> Address {
        let digest = transaction.signingHash
        return try withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { buffer throws(SecpError) in
            digest.store(to: buffer.baseAddress!)
            return Address(publicKey: try recoverable.recoverPublicKey(digest: buffer.baseAddress!))
        }
    }
}
