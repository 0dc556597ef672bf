import Foundation
import XCTest

/// `keccak` end to end: published Keccak-256 digests (the ERC-20 `transfer` selector word, the
/// `Transfer` event topic, the empty input) and bad hex.
final class KeccakCommandTests: CLITestCase {
    func testTextAndHexInputs() throws {
        try assertOutput(["keccak", "transfer(address,uint256)"], ["0xa9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b"])
        try assertOutput(["keccak", "Transfer(address,address,uint256)"], ["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"])
        try assertOutput(["keccak", "0x"], ["0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"])
        try assertOutput(["keccak", ""], ["0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"])
        // The bytes of "transfer(address,uint256)" given as hex hash the same.
        let hex = "0x" + "transfer(address,uint256)".utf8.map { String(format: "%02x", $0) }.joined()
        try assertOutput(["keccak", hex], ["0xa9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b"])
    }

    func testBadHexIsOneLine() throws {
        try assertFailure(["keccak", "0xzz"], mentions: ["data:", "invalid hex character 'z'"])
        try assertFailure(["keccak", "0x123"], mentions: ["data:", "odd number of hex digits"])
    }
}
