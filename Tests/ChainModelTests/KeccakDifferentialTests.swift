import Foundation
import TestSupport
import XCTest
@testable import ChainModel

/// Byte identity with an independent Keccak-256 (pycryptodome's, through eth-utils in the pinned venv).
final class KeccakDifferentialTests: XCTestCase {
    /// Every length from 0 to 3 blocks + 1 (so the padding byte and the final 0x80 land at every
    /// position of a block, including both in the same byte), then some long inputs; each hashed
    /// one-shot and streamed in uneven chunks.
    func testMatchesPycryptodome() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var rng = SplitMix64(seed: seed)
        var inputs: [[UInt8]] = (0...(3 * Keccak256.rate + 1)).map { length in
            (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
        for length in [1_000, 4_096, 65_537] {
            inputs.append((0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) })
        }
        var request = ""
        for input in inputs { request += Hex.encode(input, prefix: false) + "\n" }
        let output = try TestSupport.runPython(script: "keccak_peer.py", [], input: Data(request.utf8))
        let digests = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertEqual(digests.count, inputs.count)
        for (input, digest) in zip(inputs, digests) {
            XCTAssertEqual(Hex.encode(Keccak256.hash(input).bytes, prefix: false), digest, "seed \(seed), length \(input.count)")
            var hasher = Keccak256()
            var offset = 0
            while offset < input.count {
                let take = min(Int.random(in: 1...200, using: &rng), input.count - offset)
                hasher.update(input[offset..<(offset + take)])
                offset += take
            }
            XCTAssertEqual(Hex.encode(hasher.finalize().bytes, prefix: false), digest, "seed \(seed), streamed length \(input.count)")
        }
    }
}
