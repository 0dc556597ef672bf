import CSecp256k1

/// The process-wide libsecp256k1 context.
///
/// libsecp256k1 contexts are safe to share between threads for signing, verification and
/// recovery once created and randomized. One context is created lazily (Swift globals are
/// initialised exactly once, thread-safely) and randomized with 32 bytes of system randomness
/// (`secp256k1_context_randomize`), which blinds the signing computations against side channels.
public enum SecpContext {
    /// The shared context pointer. Never destroyed: it lives for the whole process.
    public static let shared: OpaquePointer = {
        guard let context = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE)) else {
            preconditionFailure("secp256k1_context_create returned NULL")
        }
        var generator = SystemRandomNumberGenerator()
        let randomized = withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { seed in
            for index in 0..<4 { seed.storeBytes(of: generator.next() as UInt64, toByteOffset: index * 8, as: UInt64.self) }
            defer { secureZero(seed.baseAddress!, count: 32) }
            return secp256k1_context_randomize(context, seed.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        precondition(randomized == 1, "secp256k1_context_randomize failed")
        return context
    }()
}
