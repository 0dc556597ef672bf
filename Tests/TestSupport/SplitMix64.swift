import Foundation

/// SplitMix64: a small seedable generator shared by the randomized tests, so that a failure can be
/// replayed from the seed the test reports.
public struct SplitMix64: RandomNumberGenerator {
    /// The generator state; the next output is derived from it.
    public var state: UInt64

    /// Creates a generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// Returns the next 64 pseudo-random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Returns a uniform value in [0, 1) with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
