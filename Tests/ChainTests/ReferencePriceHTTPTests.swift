import ChainModel
import Foundation
import Keeper
import TestSupport
import XCTest

/// The HTTP reference price source against a real local server (`Tests/python/chain/price_server.py`):
/// a document, statuses other than 200, a malformed and a too-large body, staleness, and URL
/// secrets kept out of errors.
final class ReferencePriceHTTPTests: XCTestCase {
    var server: LocalProcess!
    var files: URL!

    override func setUpWithError() throws {
        files = FileManager.default.temporaryDirectory.appendingPathComponent("rebalancer-prices-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        server = try LocalProcess(script: "price_server.py", arguments: ["--directory", files.path])
    }

    override func tearDown() {
        server?.stop()
        try? FileManager.default.removeItem(at: files)
    }

    func serve(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: files.appendingPathComponent(name))
    }

    func source(_ path: String, maxAge: Int64? = nil, limit: Int = 1 << 20) throws -> ReferencePriceURL {
        ReferencePriceURL(endpoint: try RPCEndpoint(server.url + path),
                          freshness: ReferencePriceFreshness(maxAge: maxAge, now: { 1_775_000_100 }),
                          limits: HTTPLimits(connectTimeout: 5, totalTimeout: 10, maximumResponseBytes: limit))
    }

    func failure(_ source: ReferencePriceURL) -> ReferencePriceError? {
        do { _ = try source.prices(); return nil } catch { return error }
    }

    let component = try! Address("0x3333333333333333333333333333333333333333")
    let document = #"{"format": "rebalancer/reference-prices@1", "as_of": 1775000000, "prices": {"0x3333333333333333333333333333333333333333": "1500000000000000000"}}"#

    func testServedPricesAreFetchedOnEveryEvaluation() throws {
        try serve("prices.json", document)
        let prices = try source("/prices.json")
        XCTAssertEqual(try prices.prices(), [component: UInt256(UInt64(1_500_000_000_000_000_000))])
        try serve("prices.json", document.replacingOccurrences(of: "1500000000000000000", with: "1600000000000000000"))
        XCTAssertEqual(try prices.prices(), [component: UInt256(UInt64(1_600_000_000_000_000_000))])
        XCTAssertEqual(try source("/prices.json", maxAge: 100).prices().count, 1)
        XCTAssertEqual(failure(try source("/prices.json", maxAge: 99)),
                       .stale(source: "reference prices \(server.url)/prices.json", asOf: 1_775_000_000, maxAge: 99, now: 1_775_000_100))
    }

    func testStatusesOtherThan200AreErrors() throws {
        XCTAssertEqual(failure(try source("/absent.json")), .httpStatus(source: "reference prices \(server.url)/absent.json", status: 404))
        XCTAssertEqual(failure(try source("/status/503"))?.description, "reference prices \(server.url)/status/503: HTTP status 503, expected 200")
        XCTAssertEqual(failure(try source("/status/204")), .httpStatus(source: "reference prices \(server.url)/status/204", status: 204))
    }

    func testMalformedAndTooLargeBodiesAreErrors() throws {
        try serve("bad.json", "<html>prices</html>")
        guard case let .invalid(_, inner)? = failure(try source("/bad.json")) else { return XCTFail("accepted a malformed body") }
        XCTAssertTrue(inner.description.hasPrefix("reference prices: (document): not JSON"), inner.description)
        try serve("big.json", document + String(repeating: " ", count: 4_096))
        XCTAssertEqual(failure(try source("/big.json", limit: 4_096)),
                       .unreadable(source: "reference prices \(server.url)/big.json", reason: "response larger than the 4096-byte limit"))
        XCTAssertEqual(try source("/big.json", limit: 8_192).prices().count, 1)
    }

    func testURLSecretsNeverAppearInErrors() throws {
        let secret = "0123456789abcdef0123456789abcdef"
        for url in ["http://operator:hunter2secret@127.0.0.1:\(server.port)/absent.json",
                    "http://127.0.0.1:\(server.port)/\(secret)/absent.json?key=\(secret)",
                    "http://127.0.0.1:1/\(secret)"] {
            let failed = failure(ReferencePriceURL(endpoint: try RPCEndpoint(url)))
            let text = try XCTUnwrap(failed).description
            XCTAssertFalse(text.contains(secret) || text.contains("hunter2secret"), text)
            XCTAssertTrue(text.contains("***"), text)
        }
    }
}
