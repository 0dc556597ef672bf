import CSecp256k1

/// A secp256k1 public key (a curve point), serializable compressed (33 bytes) or uncompressed (65 bytes).
public struct PublicKey: Sendable {
    @usableFromInline let point: secp256k1_pubkey

    init(point: secp256k1_pubkey) { self.point = point }

    /// Parses a 33-byte compressed (`02`/`03` + x) or 65-byte uncompressed (`04` + x + y) point.
    /// - Throws: ``SecpError/invalidPublicKey(byteCount:)`` when the bytes are not a point on the curve.
    public init(serialized bytes: UnsafeRawBufferPointer) throws(SecpError) {
        guard bytes.count == 33 || bytes.count == 65, let base = bytes.baseAddress else {
            throw .invalidPublicKey(byteCount: bytes.count)
        }
        var point = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_parse(SecpContext.shared, &point, base.assumingMemoryBound(to: UInt8.self), bytes.count) == 1 else {
            throw .invalidPublicKey(byteCount: bytes.count)
        }
        self.point = point
    }

    /// Parses a 33-byte compressed or 65-byte uncompressed point.
    /// - Throws: ``SecpError/invalidPublicKey(byteCount:)`` when the bytes are not a point on the curve.
    public init(serialized bytes: [UInt8]) throws(SecpError) {
        guard bytes.count == 33 || bytes.count == 65 else { throw .invalidPublicKey(byteCount: bytes.count) }
        let parsed: PublicKey? = bytes.withUnsafeBytes { try? PublicKey(serialized: $0) }
        guard let parsed else { throw .invalidPublicKey(byteCount: bytes.count) }
        self = parsed
    }

    /// Writes the serialized point at `output`: 33 bytes when `compressed`, else 65 bytes.
    @inlinable
    public func serialize(compressed: Bool, to output: UnsafeMutableRawPointer) {
        var count = compressed ? 33 : 65
        var point = self.point
        let written = secp256k1_ec_pubkey_serialize(
            SecpContext.shared, output.assumingMemoryBound(to: UInt8.self), &count, &point,
            UInt32(compressed ? SECP256K1_EC_COMPRESSED : SECP256K1_EC_UNCOMPRESSED))
        precondition(written == 1, "secp256k1_ec_pubkey_serialize failed")
    }

    /// Calls `body` with the 65-byte uncompressed form (`04`, x, y) held on the stack.
    /// - Returns: what `body` returns.
    @inlinable
    public func withUncompressedBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            serialize(compressed: false, to: buffer.baseAddress!)
            return try body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// The 33-byte compressed form: `02` or `03` (the parity of y), then x.
    public var compressed: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 33) { buffer, count in
            serialize(compressed: true, to: buffer.baseAddress!)
            count = 33
        }
    }

    /// The 65-byte uncompressed form: `04`, x, y.
    public var uncompressed: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 65) { buffer, count in
            serialize(compressed: false, to: buffer.baseAddress!)
            count = 65
        }
    }

    /// Checks `signature` (low s required, as libsecp256k1 does) over the 32-byte digest at `digest`.
    /// - Returns: true when this key made the signature.
    public func isValidSignature(_ signature: RecoverableSignature, digest: UnsafeRawPointer) -> Bool {
        var recoverable = signature.libraryValue
        var plain = secp256k1_ecdsa_signature()
        guard secp256k1_ecdsa_recoverable_signature_convert(SecpContext.shared, &plain, &recoverable) == 1 else { return false }
        var point = self.point
        return secp256k1_ecdsa_verify(SecpContext.shared, &plain, digest.assumingMemoryBound(to: UInt8.self), &point) == 1
    }
}

extension PublicKey: Equatable, Hashable, CustomStringConvertible {
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool { lhs.uncompressed == rhs.uncompressed }
    public func hash(into hasher: inout Hasher) { hasher.combine(uncompressed) }
    /// The compressed form in lowercase hex with a `0x` prefix.
    public var description: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "0"), UInt8(ascii: "x")]
        for byte in compressed { text.append(digits[Int(byte >> 4)]); text.append(digits[Int(byte & 15)]) }
        return String(decoding: text, as: UTF8.self)
    }
}
