import Foundation
import XCTest
import TestSupport
@testable import ChainModel

/// Random and corrupted bytes into the decoder for about two seconds: it must return values or a
/// typed ``ABIDecodingError`` (never crash or hang), and anything it accepts must re-encode and
/// decode to the same values.
final class ABIFuzzTests: XCTestCase {
    func testDecoderOnRandomAndCorruptedInput() throws {
        let seed = abiTestSeed()
        var random = ABIRandom(rng: SplitMix64(seed: seed))
        let deadline = Date().addingTimeInterval(2)
        var runs = 0, accepted = 0
        while Date() < deadline {
            runs += 1
            let types = (0..<random.int(1...3)).map { _ in random.type() }
            var data: [UInt8]
            switch random.int(0...2) {
            case 0:
                data = random.bytes(random.int(0...300))
            case 1:
                // Words of small numbers: plausible offsets and lengths.
                data = (0..<random.int(0...12)).flatMap { _ in UInt256(UInt64(random.int(0...200))).bigEndianBytes }
            default:
                data = try ABIEncoder.encode(types.map { random.value($0) }, types: types)
                for _ in 0..<random.int(1...3) { data = random.mutate(data) }
            }
            let decoded: [ABIValue]
            do {
                decoded = try ABIDecoder.decode(types: types, from: data)
            } catch {
                XCTAssertFalse(error.description.isEmpty)
                continue
            }
            accepted += 1
            let again = try ABIEncoder.encode(decoded, types: types)
            XCTAssertEqual(try ABIDecoder.decode(types: types, from: again), decoded, "seed \(seed) run \(runs)")
            XCTAssertLessThanOrEqual(again.count, data.count, "seed \(seed) run \(runs): canonical re-encoding is never longer")
        }
        XCTAssertGreaterThan(runs, 1000, "seed \(seed)")
        XCTAssertGreaterThan(accepted, 10, "seed \(seed)")
        print("ABI fuzz, seed \(seed): \(runs) inputs, \(accepted) accepted")
    }
}
