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
        var seed = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in seed.indices { seed[index] = UInt8.random(in: .min ... .max, using: &generator) }
        let randomized = seed.withUnsafeBufferPointer { secp256k1_context_randomize(context, $0.baseAddress) }
        precondition(randomized == 1, "secp256k1_context_randomize failed")
        for index in seed.indices { seed[index] = 0 }
        return context
    }()
}
