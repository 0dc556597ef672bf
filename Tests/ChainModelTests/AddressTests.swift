import XCTest
@testable import ChainModel

final class AddressTests: XCTestCase {
    // The examples of EIP-55.
    static let eip55Examples = [
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ]

    func testEIP55Examples() throws {
        for example in Self.eip55Examples {
            let parsed = try Address(example)
            XCTAssertEqual(parsed.checksummed, example)
            XCTAssertEqual(try Address(example.lowercased()).checksummed, example)
            XCTAssertEqual(try Address("0x" + example.dropFirst(2).uppercased()).checksummed, example)
        }
    }

    func testMainnetAddressesFromTheSpec() throws {
        // auction-module.md §8, as published (checksummed).
        for text in ["0x59D55D53a715b3B4581c52098BCb4075C2941DBa", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                     "0x341c05c0E9b33C0E38d64de76516b2Ce970bB3BE"] {
            XCTAssertEqual(try Address(text).checksummed, text)
        }
    }

    func testWrongChecksumIsRefused() {
        // Flip the case of one letter of a valid checksummed address.
        let bad = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"
        XCTAssertThrowsError(try Address(bad)) { error in
            XCTAssertEqual(error as? Address.ParseError,
                           .badChecksum(bad, expected: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
        }
    }

    func testMalformedIsRefused() {
        for text in ["", "0x", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA",
                     "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedaa", "0xg2908400098527886e0f7030069857d2e4169ee7"] {
            XCTAssertThrowsError(try Address(text), text)
        }
        XCTAssertThrowsError(try Address(bytes: [UInt8](repeating: 1, count: 19)))
    }

    func testBytesRoundTrip() throws {
        let bytes: [UInt8] = (1...20).map { UInt8($0) }
        let address = try Address(bytes: bytes)
        XCTAssertEqual(address.bytes, bytes)
        XCTAssertEqual(address.lowercased, "0x0102030405060708090a0b0c0d0e0f1011121314")
        XCTAssertEqual(address.uint256.bigEndianBytes, [UInt8](repeating: 0, count: 12) + bytes)
    }
}
