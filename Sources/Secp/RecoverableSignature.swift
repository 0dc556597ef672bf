import CSecp256k1

/// An ECDSA signature over secp256k1 with its recovery id: r and s (32 bytes each, big-endian)
/// and the id (0 or 1) that picks the public key among the candidates. Stored inline.
public struct RecoverableSignature: Sendable, Hashable {
    /// r, as four big-endian 64-bit words (most significant first).
    public var r: (UInt64, UInt64, UInt64, UInt64)
    /// s, as four big-endian 64-bit words (most significant first).
    public var s: (UInt64, UInt64, UInt64, UInt64)
    /// The recovery id: 0 or 1 (the parity of the nonce point's y coordinate).
    public var recoveryID: UInt8

    /// Creates a signature from the 64 compact bytes (r then s) at `compact` and a recovery id.
    /// - Throws: ``SecpError/invalidRecoveryID(_:)`` for an id other than 0 or 1, or
    ///   ``SecpError/invalidSignature`` when r or s is zero or not below the curve order.
    public init(compact: UnsafeRawPointer, recoveryID: Int) throws(SecpError) {
        guard recoveryID == 0 || recoveryID == 1 else { throw .invalidRecoveryID(recoveryID) }
        var parsed = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_recoverable_signature_parse_compact(
            SecpContext.shared, &parsed, compact.assumingMemoryBound(to: UInt8.self), Int32(recoveryID)) == 1 else {
            throw .invalidSignature
        }
        self.r = Self.words(compact)
        self.s = Self.words(compact + 32)
        self.recoveryID = UInt8(recoveryID)
        guard !isZero(r), !isZero(s) else { throw .invalidSignature }
    }

    init(libraryValue: secp256k1_ecdsa_recoverable_signature) {
        var value = libraryValue
        var id: Int32 = 0
        var compact = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        let (r, s) = withUnsafeMutableBytes(of: &compact) { buffer in
            let serialized = secp256k1_ecdsa_recoverable_signature_serialize_compact(
                SecpContext.shared, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), &id, &value)
            precondition(serialized == 1, "secp256k1_ecdsa_recoverable_signature_serialize_compact failed")
            return (Self.words(buffer.baseAddress!), Self.words(buffer.baseAddress! + 32))
        }
        self.r = r
        self.s = s
        self.recoveryID = UInt8(id)
    }

    private static func words(_ pointer: UnsafeRawPointer) -> (UInt64, UInt64, UInt64, UInt64) {
        (UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
         UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
         UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
         UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
    }

    /// Writes the 64 compact bytes (r then s, big-endian) at `output`.
    @inlinable
    public func storeCompact(to output: UnsafeMutableRawPointer) {
        output.storeBytes(of: r.0.bigEndian, toByteOffset: 0, as: UInt64.self)
        output.storeBytes(of: r.1.bigEndian, toByteOffset: 8, as: UInt64.self)
        output.storeBytes(of: r.2.bigEndian, toByteOffset: 16, as: UInt64.self)
        output.storeBytes(of: r.3.bigEndian, toByteOffset: 24, as: UInt64.self)
        output.storeBytes(of: s.0.bigEndian, toByteOffset: 32, as: UInt64.self)
        output.storeBytes(of: s.1.bigEndian, toByteOffset: 40, as: UInt64.self)
        output.storeBytes(of: s.2.bigEndian, toByteOffset: 48, as: UInt64.self)
        output.storeBytes(of: s.3.bigEndian, toByteOffset: 56, as: UInt64.self)
    }

    /// The 64 compact bytes: r then s, big-endian.
    public var compact: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 64) { buffer, count in
            storeCompact(to: buffer.baseAddress!)
            count = 64
        }
    }

    /// The libsecp256k1 form of the signature.
    var libraryValue: secp256k1_ecdsa_recoverable_signature {
        var value = secp256k1_ecdsa_recoverable_signature()
        withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { buffer in
            storeCompact(to: buffer.baseAddress!)
            let parsed = secp256k1_ecdsa_recoverable_signature_parse_compact(
                SecpContext.shared, &value, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(recoveryID))
            precondition(parsed == 1, "a validated signature failed to parse")
        }
        return value
    }

    /// True when s is in the lower half of the curve order (s ≤ n/2), the only form Ethereum accepts.
    public var hasLowS: Bool {
        // n/2 = 7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0
        let half: (UInt64, UInt64, UInt64, UInt64) = (0x7fff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff, 0x5d57_6e73_57a4_501d, 0xdfe9_2f46_681b_20a0)
        return s <= half
    }

    /// Recovers the public key that made this signature over the 32-byte digest at `digest`.
    /// - Returns: the signer's public key.
    /// - Throws: ``SecpError/recoveryFailed`` when no key matches.
    public func recoverPublicKey(digest: UnsafeRawPointer) throws(SecpError) -> PublicKey {
        var value = libraryValue
        var point = secp256k1_pubkey()
        guard secp256k1_ecdsa_recover(SecpContext.shared, &point, &value, digest.assumingMemoryBound(to: UInt8.self)) == 1 else {
            throw .recoveryFailed
        }
        return PublicKey(point: point)
    }

    public static func == (lhs: RecoverableSignature, rhs: RecoverableSignature) -> Bool {
        lhs.r == rhs.r && lhs.s == rhs.s && lhs.recoveryID == rhs.recoveryID
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(r.0); hasher.combine(r.1); hasher.combine(r.2); hasher.combine(r.3)
        hasher.combine(s.0); hasher.combine(s.1); hasher.combine(s.2); hasher.combine(s.3)
        hasher.combine(recoveryID)
    }
}

private func isZero(_ words: (UInt64, UInt64, UInt64, UInt64)) -> Bool {
    (words.0 | words.1 | words.2 | words.3) == 0
}
