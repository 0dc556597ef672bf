import Foundation
import XCTest
import TestSupport

/// `report`: the example plan as one self-contained HTML page, rendered by headless Chromium
/// (Debian `chromium`, installed by scripts/setup-test-env) to check its text and that the
/// screenshot is not blank.
final class ReportCommandTests: CLITestCase {
    private static let root = TestSupport.repositoryRoot
    private static let planPath = root.appendingPathComponent("examples/expected/plan.json").path

    private func chromium() throws -> String {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        XCTFail("headless Chromium is missing: run scripts/setup-test-env (it installs Debian's chromium)")
        throw CocoaError(.fileNoSuchFile)
    }

    private func writeReport(in directory: URL) throws -> URL {
        let out = directory.appendingPathComponent("report.html")
        let result = try run(["report", "--plan", Self.planPath, "--base-dir", Self.root.path, "--out", out.path])
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
        XCTAssertEqual(result.stderr, "")
        XCTAssertTrue(result.stdout.hasPrefix("wrote \(out.path) ("), result.stdout)
        return out
    }

    func testReportIsSelfContainedAndRendersInChromium() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = try writeReport(in: directory)
        let html = try String(contentsOf: page, encoding: .utf8)

        // Self-contained: no scripts, no links or sources, no URLs other than the SVG namespace.
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        for forbidden in ["<script", "src=", "href=", "url(", "@import", "<link"] {
            XCTAssertFalse(html.contains(forbidden), forbidden)
        }
        XCTAssertEqual(html.components(separatedBy: "http").count - 1, html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
        // One weights chart and one curve per traded component (8 trades in the example).
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 1 + 8)
        XCTAssertEqual(html.components(separatedBy: "aria-label=\"price curve ").count - 1, 8)

        // The page as Chromium sees it: the DOM text holds the plan's numbers.
        let browser = try chromium()
        let dom = try TestSupport.run(URL(fileURLWithPath: browser),
                                      ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.absoluteString])
        XCTAssertEqual(dom.status, 0, dom.stderr)
        let text = dom.stdout
        for fragment in [
            "Rebalance of icDEFI10", "0x2c8Be1cf5456A6Bb9B3Db59A91AA3C515Cc7e0Bb", "block 19523184",
            "WBTC · sell · exponential adapter", "crosses fair at 15300 s",
            "0xec6e8e864ea301451c93c6ee54a75acd1f8fc91e9b3ca05a830efc68959c71b3",
            "removing COMP reorders getComponents() (swap-and-pop)",
            "startRebalance(address,address,address[],(uint256,string,bytes)[],(uint256,string,bytes)[],bool,uint256,uint256)",
        ] {
            XCTAssertTrue(text.contains(fragment), "'\(fragment)' not in the rendered DOM")
        }

        // The screenshot is a real picture: many non-white pixels and the charts' colours.
        let png = directory.appendingPathComponent("report.png")
        let shot = try TestSupport.run(URL(fileURLWithPath: browser),
                                       ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                        "--screenshot=\(png.path)", "--window-size=1200,2000", page.absoluteString])
        XCTAssertEqual(shot.status, 0, shot.stderr)
        let stats = try JSONSerialization.jsonObject(with: TestSupport.runPython(script: "png_stats.py", [png.path])) as? [String: Int]
        XCTAssertEqual(stats?["width"], 1200)
        XCTAssertEqual(stats?["height"], 2000)
        XCTAssertGreaterThan(stats?["non_white"] ?? 0, 50_000, "the screenshot is (nearly) blank")
        XCTAssertGreaterThan(stats?["colours"] ?? 0, 20)
    }

    func testReportRefusesATamperedInput() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        let examples = directory.appendingPathComponent("examples")
        try FileManager.default.createDirectory(at: examples, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["snapshot.json", "weights.json", "prices.json", "policy.yaml"] {
            try FileManager.default.copyItem(at: Self.root.appendingPathComponent("examples/" + name), to: examples.appendingPathComponent(name))
        }
        try Data("\n".utf8).append(toFile: examples.appendingPathComponent("prices.json"))
        let out = directory.appendingPathComponent("report.html")
        try assertFailure(["report", "--plan", Self.planPath, "--base-dir", directory.path, "--out", out.path],
                          mentions: ["inputs.prices.keccak256", "examples/prices.json", "rebalancer verify"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written")
    }
}

private extension Data {
    func append(toFile url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: self)
    }
}
