import XCTest
@testable import ChainModel

final class KeccakTests: XCTestCase {
    // Published Keccak-256 (Ethereum padding) vectors.
    func testPublishedVectors() {
        XCTAssertEqual(Keccak256.hash([UInt8]()).description,
                       "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
        XCTAssertEqual(Keccak256.hash(utf8: "abc").description,
                       "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
        XCTAssertEqual(Keccak256.hash(utf8: "The quick brown fox jumps over the lazy dog").description,
                       "0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")
        // Function selectors from the ABI specification and auction-module.md §2.3.
        XCTAssertEqual(Array(Keccak256.hash(utf8: "baz(uint32,bool)").bytes.prefix(4)), [0xcd, 0xcd, 0x77, 0xc0])
        XCTAssertEqual(Array(Keccak256.hash(utf8: "bid(address,address,address,uint256,uint256,bool)").bytes.prefix(4)),
                       [0x6d, 0xb4, 0xa2, 0x62])
        XCTAssertEqual(
            Array(Keccak256.hash(utf8: "startRebalance(address,address,address[],(uint256,string,bytes)[],(uint256,string,bytes)[],bool,uint256,uint256)").bytes.prefix(4)),
            [0x8e, 0x0f, 0x77, 0x56])
    }

    // A million 'a's: the long-message check (many blocks).
    func testMillionA() {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(Keccak256.hash(input).description,
                       "0xfadae6b49f129bbb812be8407b7b2894f34aecf6dbd1f9b0f0c7e9853098fc96")
    }

    // Streaming in arbitrary chunks equals one-shot hashing, across block boundaries.
    func testStreamingMatchesOneShot() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 31, 32, 33, 135, 136, 137, 271, 272, 273, 1000, 4096] {
            let input = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = Keccak256.hash(input)
            var hasher = Keccak256()
            var offset = 0
            while offset < input.count {
                let take = min(Int.random(in: 1...150, using: &generator), input.count - offset)
                hasher.update(input[offset..<(offset + take)])
                offset += take
            }
            XCTAssertEqual(hasher.finalize(), expected, "length \(length)")
        }
    }

    func testHashIntoCallerBuffer() {
        let input = Array("abc".utf8)
        var output = [UInt8](repeating: 0xee, count: 40)
        input.withUnsafeBytes { bytes in
            output.withUnsafeMutableBytes { Keccak256.hash(bytes, into: $0) }
        }
        XCTAssertEqual(Hex.encode(output.prefix(32)), "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
        XCTAssertEqual(Array(output.suffix(8)), [UInt8](repeating: 0xee, count: 8))
    }
}
