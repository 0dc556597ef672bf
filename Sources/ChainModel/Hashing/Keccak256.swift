#if !_endian(little)
#error("Keccak256 assumes a little-endian host (lanes are read in place).")
#endif

/// Keccak-256 as Ethereum uses it: Keccak[r = 1088, c = 512] with the original multi-rate
/// padding (domain byte `0x01`), *not* the FIPS-202 SHA3-256 padding (`0x06`).
///
/// Use ``hash(_:)`` for one-shot hashing, ``hash(_:into:)`` to hash into a caller's buffer
/// without any heap allocation, or create a value and call ``update(_:)`` / ``finalize()``
/// to hash streamed input. The state (200 bytes) lives inline in the value.
public struct Keccak256: Sendable {
    /// The rate in bytes: the input absorbed per permutation.
    public static let rate = 136
    /// The digest length in bytes.
    public static let digestCount = 32

    @usableFromInline var state: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                                  UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                                  UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    /// Bytes absorbed into the current block (0..<136).
    @usableFromInline var position: Int = 0

    /// Creates an empty hasher.
    public init() {}

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var position = self.position
        withUnsafeMutableBytes(of: &state) { raw in
            let lanes = raw.baseAddress!.assumingMemoryBound(to: UInt64.self)
            position = Keccak256.absorb(lanes: lanes, position: position, input: base, count: bytes.count)
        }
        self.position = position
    }

    /// Absorbs the bytes of any contiguous or non-contiguous byte sequence.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Pads, runs the last permutation and returns the digest. The hasher is spent afterwards.
    public mutating func finalize() -> Bytes32 {
        let position = self.position
        return withUnsafeMutableBytes(of: &state) { raw in
            let lanes = raw.baseAddress!.assumingMemoryBound(to: UInt64.self)
            return Keccak256.finish(lanes: lanes, position: position)
        }
    }

    /// Returns the Keccak-256 digest of `bytes`.
    @inlinable
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> Bytes32 where Bytes.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        return Array(bytes).withUnsafeBytes { hash($0) }
    }

    /// Returns the Keccak-256 digest of the UTF-8 bytes of `text`.
    public static func hash(utf8 text: String) -> Bytes32 {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    /// Returns the Keccak-256 digest of `bytes`. Allocates nothing: the state is on the stack.
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> Bytes32 {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 25) { lanes in
            let state = lanes.baseAddress!
            state.initialize(repeating: 0, count: 25)
            let position = bytes.baseAddress.map { absorb(lanes: state, position: 0, input: $0, count: bytes.count) } ?? 0
            return finish(lanes: state, position: position)
        }
    }

    /// Hashes `bytes` and writes the 32-byte digest into the start of `output`. Allocates nothing.
    /// - Precondition: `output.count >= 32`.
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= digestCount, "Keccak256.hash(_:into:) needs 32 bytes of output space")
        hash(bytes).store(to: output.baseAddress!)
    }

    // MARK: - Sponge

    /// XORs `count` bytes into the state starting at byte `position` of the block, permuting at
    /// every full block. Returns the new position.
    @usableFromInline
    static func absorb(lanes: UnsafeMutablePointer<UInt64>, position: Int, input: UnsafeRawPointer, count: Int) -> Int {
        var position = position
        var offset = 0
        let stateBytes = UnsafeMutableRawPointer(lanes)
        // Finish a partial block byte by byte.
        if position != 0 {
            let take = min(rate - position, count)
            for index in 0..<take {
                let pointer = stateBytes.advanced(by: position + index).assumingMemoryBound(to: UInt8.self)
                pointer.pointee ^= input.load(fromByteOffset: index, as: UInt8.self)
            }
            position += take
            offset = take
            if position == rate {
                permute(lanes)
                position = 0
            }
        }
        // Whole blocks, 17 lanes at a time.
        while count - offset >= rate {
            let block = input.advanced(by: offset)
            for lane in 0..<17 {
                lanes[lane] ^= UInt64(littleEndian: block.loadUnaligned(fromByteOffset: lane * 8, as: UInt64.self))
            }
            permute(lanes)
            offset += rate
        }
        // The tail.
        let tail = count - offset
        if tail > 0 {
            let block = input.advanced(by: offset)
            let whole = tail / 8
            for lane in 0..<whole {
                lanes[lane] ^= UInt64(littleEndian: block.loadUnaligned(fromByteOffset: lane * 8, as: UInt64.self))
            }
            for index in (whole * 8)..<tail {
                let pointer = stateBytes.advanced(by: index).assumingMemoryBound(to: UInt8.self)
                pointer.pointee ^= block.load(fromByteOffset: index, as: UInt8.self)
            }
            position = tail
        }
        return position
    }

    @usableFromInline
    static func finish(lanes: UnsafeMutablePointer<UInt64>, position: Int) -> Bytes32 {
        let stateBytes = UnsafeMutableRawPointer(lanes).assumingMemoryBound(to: UInt8.self)
        stateBytes[position] ^= 0x01
        stateBytes[rate - 1] ^= 0x80
        permute(lanes)
        return Bytes32(words: (lanes[0].byteSwapped, lanes[1].byteSwapped, lanes[2].byteSwapped, lanes[3].byteSwapped))
    }

    @usableFromInline
    static let roundConstants: [UInt64] = [
        0x0000_0000_0000_0001, 0x0000_0000_0000_8082, 0x8000_0000_0000_808A, 0x8000_0000_8000_8000,
        0x0000_0000_0000_808B, 0x0000_0000_8000_0001, 0x8000_0000_8000_8081, 0x8000_0000_0000_8009,
        0x0000_0000_0000_008A, 0x0000_0000_0000_0088, 0x0000_0000_8000_8009, 0x0000_0000_8000_000A,
        0x0000_0000_8000_808B, 0x8000_0000_0000_008B, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
        0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x0000_0000_0000_800A, 0x8000_0000_8000_000A,
        0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x0000_0000_8000_0001, 0x8000_0000_8000_8008,
    ]

    @inline(__always)
    static func rotl(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 &- count))
    }

    /// Keccak-f[1600]: 24 rounds of θ, ρ, π, χ, ι over the 25 lanes at `state`
    /// (lane (x, y) at index x + 5y), two fully unrolled rounds per loop iteration.
    ///
    /// Uses the lane-complementing transform (as in the Keccak team's optimized 64-bit code): lanes
    /// (1,0), (2,0), (3,1), (2,2), (2,3) and (0,4) are held complemented during the rounds, which lets
    /// χ's `b ^ (~b' & b'')` be computed with only one NOT per row (or none) instead of five, the other
    /// rows using `|` and `&` on the complemented values. The lanes are complemented on entry and back on
    /// exit, so the state in memory is always the plain one.
    @usableFromInline
    static func permute(_ state: UnsafeMutablePointer<UInt64>) {
        var a00 = state[0]
        var a10 = state[1]
        var a20 = state[2]
        var a30 = state[3]
        var a40 = state[4]
        var a01 = state[5]
        var a11 = state[6]
        var a21 = state[7]
        var a31 = state[8]
        var a41 = state[9]
        var a02 = state[10]
        var a12 = state[11]
        var a22 = state[12]
        var a32 = state[13]
        var a42 = state[14]
        var a03 = state[15]
        var a13 = state[16]
        var a23 = state[17]
        var a33 = state[18]
        var a43 = state[19]
        var a04 = state[20]
        var a14 = state[21]
        var a24 = state[22]
        var a34 = state[23]
        var a44 = state[24]
        a10 = ~a10
        a20 = ~a20
        a31 = ~a31
        a22 = ~a22
        a23 = ~a23
        a04 = ~a04
        var c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04
        var c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14
        var c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24
        var c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34
        var c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44
        roundConstants.withUnsafeBufferPointer { constants in
            for round in stride(from: 0, to: 24, by: 2) {
                let e00, e10, e20, e30, e40, e01, e11, e21, e31, e41, e02, e12, e22: UInt64
                let e32, e42, e03, e13, e23, e33, e43, e04, e14, e24, e34, e44: UInt64
                do {
                    let d0 = c4 ^ rotl(c1, 1)
                    let d1 = c0 ^ rotl(c2, 1)
                    let d2 = c1 ^ rotl(c3, 1)
                    let d3 = c2 ^ rotl(c4, 1)
                    let d4 = c3 ^ rotl(c0, 1)
                    do {
                        let b0 = a00 ^ d0
                        let b1 = rotl(a11 ^ d1, 44)
                        let b2 = rotl(a22 ^ d2, 43)
                        let b3 = rotl(a33 ^ d3, 21)
                        let b4 = rotl(a44 ^ d4, 14)
                        e00 = b0 ^ (b1 | b2) ^ constants[round]
                        e10 = b1 ^ (~b2 | b3)
                        e20 = b2 ^ (b3 & b4)
                        e30 = b3 ^ (b4 | b0)
                        e40 = b4 ^ (b0 & b1)
                    }
                    do {
                        let b0 = rotl(a30 ^ d3, 28)
                        let b1 = rotl(a41 ^ d4, 20)
                        let b2 = rotl(a02 ^ d0, 3)
                        let b3 = rotl(a13 ^ d1, 45)
                        let b4 = rotl(a24 ^ d2, 61)
                        e01 = b0 ^ (b1 | b2)
                        e11 = b1 ^ (b2 & b3)
                        e21 = b2 ^ (b3 | ~b4)
                        e31 = b3 ^ (b4 | b0)
                        e41 = b4 ^ (b0 & b1)
                    }
                    do {
                        let b0 = rotl(a10 ^ d1, 1)
                        let b1 = rotl(a21 ^ d2, 6)
                        let b2 = rotl(a32 ^ d3, 25)
                        let b3 = rotl(a43 ^ d4, 8)
                        let b4 = rotl(a04 ^ d0, 18)
                        let n3 = ~b3
                        e02 = b0 ^ (b1 | b2)
                        e12 = b1 ^ (b2 & b3)
                        e22 = b2 ^ (n3 & b4)
                        e32 = n3 ^ (b4 | b0)
                        e42 = b4 ^ (b0 & b1)
                    }
                    do {
                        let b0 = rotl(a40 ^ d4, 27)
                        let b1 = rotl(a01 ^ d0, 36)
                        let b2 = rotl(a12 ^ d1, 10)
                        let b3 = rotl(a23 ^ d2, 15)
                        let b4 = rotl(a34 ^ d3, 56)
                        let n3 = ~b3
                        e03 = b0 ^ (b1 & b2)
                        e13 = b1 ^ (b2 | b3)
                        e23 = b2 ^ (n3 | b4)
                        e33 = n3 ^ (b4 & b0)
                        e43 = b4 ^ (b0 | b1)
                    }
                    do {
                        let b0 = rotl(a20 ^ d2, 62)
                        let b1 = rotl(a31 ^ d3, 55)
                        let b2 = rotl(a42 ^ d4, 39)
                        let b3 = rotl(a03 ^ d0, 41)
                        let b4 = rotl(a14 ^ d1, 2)
                        let n1 = ~b1
                        e04 = b0 ^ (n1 & b2)
                        e14 = n1 ^ (b2 | b3)
                        e24 = b2 ^ (b3 & b4)
                        e34 = b3 ^ (b4 | b0)
                        e44 = b4 ^ (b0 & b1)
                    }
                    c0 = e00 ^ e01 ^ e02 ^ e03 ^ e04
                    c1 = e10 ^ e11 ^ e12 ^ e13 ^ e14
                    c2 = e20 ^ e21 ^ e22 ^ e23 ^ e24
                    c3 = e30 ^ e31 ^ e32 ^ e33 ^ e34
                    c4 = e40 ^ e41 ^ e42 ^ e43 ^ e44
                }
                do {
                    let d0 = c4 ^ rotl(c1, 1)
                    let d1 = c0 ^ rotl(c2, 1)
                    let d2 = c1 ^ rotl(c3, 1)
                    let d3 = c2 ^ rotl(c4, 1)
                    let d4 = c3 ^ rotl(c0, 1)
                    do {
                        let b0 = e00 ^ d0
                        let b1 = rotl(e11 ^ d1, 44)
                        let b2 = rotl(e22 ^ d2, 43)
                        let b3 = rotl(e33 ^ d3, 21)
                        let b4 = rotl(e44 ^ d4, 14)
                        a00 = b0 ^ (b1 | b2) ^ constants[round + 1]
                        a10 = b1 ^ (~b2 | b3)
                        a20 = b2 ^ (b3 & b4)
                        a30 = b3 ^ (b4 | b0)
                        a40 = b4 ^ (b0 & b1)
                    }
                    do {
                        let b0 = rotl(e30 ^ d3, 28)
                        let b1 = rotl(e41 ^ d4, 20)
                        let b2 = rotl(e02 ^ d0, 3)
                        let b3 = rotl(e13 ^ d1, 45)
                        let b4 = rotl(e24 ^ d2, 61)
                        a01 = b0 ^ (b1 | b2)
                        a11 = b1 ^ (b2 & b3)
                        a21 = b2 ^ (b3 | ~b4)
                        a31 = b3 ^ (b4 | b0)
                        a41 = b4 ^ (b0 & b1)
                    }
                    do {
                        let b0 = rotl(e10 ^ d1, 1)
                        let b1 = rotl(e21 ^ d2, 6)
                        let b2 = rotl(e32 ^ d3, 25)
                        let b3 = rotl(e43 ^ d4, 8)
                        let b4 = rotl(e04 ^ d0, 18)
                        let n3 = ~b3
                        a02 = b0 ^ (b1 | b2)
                        a12 = b1 ^ (b2 & b3)
                        a22 = b2 ^ (n3 & b4)
                        a32 = n3 ^ (b4 | b0)
                        a42 = b4 ^ (b0 & b1)
                    }
                    do {
                        let b0 = rotl(e40 ^ d4, 27)
                        let b1 = rotl(e01 ^ d0, 36)
                        let b2 = rotl(e12 ^ d1, 10)
                        let b3 = rotl(e23 ^ d2, 15)
                        let b4 = rotl(e34 ^ d3, 56)
                        let n3 = ~b3
                        a03 = b0 ^ (b1 & b2)
                        a13 = b1 ^ (b2 | b3)
                        a23 = b2 ^ (n3 | b4)
                        a33 = n3 ^ (b4 & b0)
                        a43 = b4 ^ (b0 | b1)
                    }
                    do {
                        let b0 = rotl(e20 ^ d2, 62)
                        let b1 = rotl(e31 ^ d3, 55)
                        let b2 = rotl(e42 ^ d4, 39)
                        let b3 = rotl(e03 ^ d0, 41)
                        let b4 = rotl(e14 ^ d1, 2)
                        let n1 = ~b1
                        a04 = b0 ^ (n1 & b2)
                        a14 = n1 ^ (b2 | b3)
                        a24 = b2 ^ (b3 & b4)
                        a34 = b3 ^ (b4 | b0)
                        a44 = b4 ^ (b0 & b1)
                    }
                    c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04
                    c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14
                    c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24
                    c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34
                    c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44
                }

            }
        }
        a10 = ~a10
        a20 = ~a20
        a31 = ~a31
        a22 = ~a22
        a23 = ~a23
        a04 = ~a04
        state[0] = a00
        state[1] = a10
        state[2] = a20
        state[3] = a30
        state[4] = a40
        state[5] = a01
        state[6] = a11
        state[7] = a21
        state[8] = a31
        state[9] = a41
        state[10] = a02
        state[11] = a12
        state[12] = a22
        state[13] = a32
        state[14] = a42
        state[15] = a03
        state[16] = a13
        state[17] = a23
        state[18] = a33
        state[19] = a43
        state[20] = a04
        state[21] = a14
        state[22] = a24
        state[23] = a34
        state[24] = a44
    }

}
