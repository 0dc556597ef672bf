import CSecp256k1

/// A secp256k1 private key: 32 bytes, non-zero and below the curve order.
///
/// The bytes live in their own heap block that is zeroed when the key is released. The key never
/// appears in `description`, `debugDescription`, `dump` or errors; read it only through
/// ``withUnsafeBytes(_:)`` (for example to write an encrypted keystore).
public final class PrivateKey: @unchecked Sendable {
    // Immutable after init; only read.
    private let storage: UnsafeMutableRawPointer

    /// Creates a key from the 32 bytes at `pointer`, which are copied.
    /// - Throws: ``SecpError/invalidPrivateKey`` when they are zero or not below the curve order.
    public init(copying pointer: UnsafeRawPointer) throws(SecpError) {
        // Validate before `storage` is set: a class initializer that throws after initializing
        // every stored property runs `deinit`, which would free the buffer a second time.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 32, alignment: 16)
        buffer.copyMemory(from: pointer, byteCount: 32)
        guard secp256k1_ec_seckey_verify(SecpContext.shared, buffer.assumingMemoryBound(to: UInt8.self)) == 1 else {
            secureZero(buffer, count: 32)
            buffer.deallocate()
            throw .invalidPrivateKey
        }
        storage = buffer
    }

    /// Creates a key from exactly 32 big-endian bytes, which are copied (zero your own copy afterwards).
    /// - Throws: ``SecpError/invalidPrivateKey`` for another length, zero, or a value not below the curve order.
    public convenience init(bytes: UnsafeRawBufferPointer) throws(SecpError) {
        guard bytes.count == 32, let base = bytes.baseAddress else { throw .invalidPrivateKey }
        try self.init(copying: base)
    }

    /// Creates a key from exactly 32 big-endian bytes, which are copied (zero your own copy afterwards).
    /// - Throws: ``SecpError/invalidPrivateKey`` for another length, zero, or a value not below the curve order.
    public convenience init(bytes: [UInt8]) throws(SecpError) {
        guard bytes.count == 32 else { throw .invalidPrivateKey }
        let copy = UnsafeMutableRawPointer.allocate(byteCount: 32, alignment: 16)
        defer { secureZero(copy, count: 32); copy.deallocate() }
        bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: 32) }
        try self.init(copying: copy)
    }

    /// Returns a new key drawn from the system's cryptographically secure random number generator.
    public static func generate() -> PrivateKey {
        var generator = SystemRandomNumberGenerator()
        let candidate = UnsafeMutableRawPointer.allocate(byteCount: 32, alignment: 16)
        defer { secureZero(candidate, count: 32); candidate.deallocate() }
        while true {
            for index in 0..<4 {
                candidate.storeBytes(of: generator.next() as UInt64, toByteOffset: index * 8, as: UInt64.self)
            }
            // Fails with probability below 2⁻¹²⁷ (zero or ≥ n): draw again.
            if let key = try? PrivateKey(copying: candidate) { return key }
        }
    }

    deinit {
        secureZero(storage, count: 32)
        storage.deallocate()
    }

    /// Calls `body` with the 32 key bytes. Do not copy them out of the closure.
    /// - Returns: what `body` returns.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: storage, count: 32))
    }

    /// The matching public key (the key times the generator point).
    public var publicKey: PublicKey {
        var point = secp256k1_pubkey()
        let created = secp256k1_ec_pubkey_create(SecpContext.shared, &point, storage.assumingMemoryBound(to: UInt8.self))
        precondition(created == 1, "secp256k1_ec_pubkey_create failed for a verified key")
        return PublicKey(point: point)
    }

    /// Signs the 32-byte digest at `digest` with a deterministic RFC 6979 nonce.
    /// - Returns: the signature with its recovery id; s is in the lower half of the order (libsecp256k1 always produces low s).
    public func signRecoverable(digest: UnsafeRawPointer) -> RecoverableSignature {
        var signature = secp256k1_ecdsa_recoverable_signature()
        let signed = secp256k1_ecdsa_sign_recoverable(
            SecpContext.shared, &signature, digest.assumingMemoryBound(to: UInt8.self),
            storage.assumingMemoryBound(to: UInt8.self), nil, nil)
        precondition(signed == 1, "secp256k1_ecdsa_sign_recoverable failed for a verified key")
        return RecoverableSignature(libraryValue: signature)
    }
}

extension PrivateKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `PrivateKey(redacted)`: never the key.
    public var description: String { "PrivateKey(redacted)" }
    /// `PrivateKey(redacted)`: never the key.
    public var debugDescription: String { description }
    /// A mirror without children, so `dump` shows no key material.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .class) }
}
