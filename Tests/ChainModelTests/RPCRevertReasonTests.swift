import XCTest
@testable import ChainModel

final class RPCRevertReasonTests: XCTestCase {
    /// The Solidity documentation's example: `Error("Not enough Ether provided.")`.
    func testSolidityDocumentationErrorStringVector() throws {
        let data = try Hex.decode(
            "0x08c379a0"
            + "0000000000000000000000000000000000000000000000000000000000000020"
            + "000000000000000000000000000000000000000000000000000000000000001a"
            + "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000", requirePrefix: true)
        XCTAssertEqual(RevertReason(data: data), .message("Not enough Ether provided."))
        XCTAssertEqual(RevertReason(data: data).description, "reverted: \"Not enough Ether provided.\"")
    }

    func testPanicCustomEmptyAndUnknown() throws {
        let panic = try Hex.decode("0x4e487b71" + String(repeating: "0", count: 62) + "11", requirePrefix: true)
        XCTAssertEqual(RevertReason(data: panic), .panic(0x11))
        XCTAssertEqual(RevertReason(data: panic).description, "panicked: 0x11 (arithmetic overflow or underflow)")
        let custom = try ABIError(signature: "InsufficientBalance(address account, uint256 amount)")
        XCTAssertEqual(custom.selector.rawValue, 0xf6de_aa04)  // keccak("InsufficientBalance(address,uint256)") by eth-utils
        let account = try Address("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")
        let data: [UInt8] = [0xf6, 0xde, 0xaa, 0x04]
            + [UInt8](repeating: 0, count: 12) + account.bytes + [UInt8](repeating: 0, count: 31) + [5]
        XCTAssertEqual(RevertReason(data: data, knownErrors: [custom]), .custom(custom, [.address(account), .uint(5)]))
        XCTAssertEqual(RevertReason(data: data, knownErrors: [custom]).description,
                       "reverted with InsufficientBalance(0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf, 5)")
        XCTAssertEqual(RevertReason(data: data), .unknown(data))
        XCTAssertEqual(RevertReason(data: []), .empty)
        XCTAssertEqual(RevertReason(data: [1, 2]), .unknown([1, 2]))
        // A truncated Error(string) is kept as unknown data, not misread.
        XCTAssertEqual(RevertReason(data: RevertReason.errorSelector + [0, 0]), .unknown(RevertReason.errorSelector + [0, 0]))
    }
}
