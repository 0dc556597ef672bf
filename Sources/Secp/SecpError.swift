/// Why a key, signature or recovery was refused. No case ever carries secret material.
public enum SecpError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A private key that is zero or not below the curve order n (or not 32 bytes long).
    case invalidPrivateKey
    /// Public-key bytes that are not a 33-byte compressed or 65-byte uncompressed curve point.
    case invalidPublicKey(byteCount: Int)
    /// A signature whose r or s is zero or not below the curve order n.
    case invalidSignature
    /// A recovery id other than 0 or 1 (ids 2 and 3 mean r ≥ n − p, which Ethereum never uses).
    case invalidRecoveryID(Int)
    /// The signature and digest do not determine a public key.
    case recoveryFailed

    public var description: String {
        switch self {
        case .invalidPrivateKey:
            return "invalid private key: it must be 32 bytes, non-zero and below the secp256k1 curve order"
        case let .invalidPublicKey(byteCount):
            return "invalid public key (\(byteCount) bytes): expected a 33-byte compressed or 65-byte uncompressed secp256k1 point"
        case .invalidSignature:
            return "invalid signature: r and s must be non-zero and below the secp256k1 curve order"
        case let .invalidRecoveryID(id):
            return "invalid recovery id \(id): must be 0 or 1"
        case .recoveryFailed:
            return "no public key recovers from this signature and digest"
        }
    }
}
