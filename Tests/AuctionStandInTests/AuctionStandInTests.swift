import Foundation
import TestSupport
import XCTest

/// Runs the Python suites of `Tests/python/auction_chain/` (the Vyper stand-ins of the auction
/// module, SetToken, Controller, IntegrationRegistry and price adapters on eth-tester + py-evm)
/// with the pinned interpreter, so `scripts/test` covers the chain side the end-to-end tests use.
/// Each test fails with the suite's output when any Python test fails or the venv is missing.
final class AuctionStandInTests: XCTestCase {
    private func runSuite(_ file: String) throws {
        let directory = TestSupport.repositoryRoot.appendingPathComponent("Tests/python/auction_chain").path
        let result = try TestSupport.run(TestSupport.python, ["-m", "unittest", "discover", "-s", directory, "-p", file])
        XCTAssertEqual(result.status, 0, "\(file) failed:\n\(result.stderr)")
        XCTAssertTrue(result.stderr.contains("\nOK"), "\(file) did not report OK:\n\(result.stderr)")
        XCTAssertFalse(result.stderr.contains("Ran 0 tests"), "\(file) ran no tests")
    }

    func testABIMatchesContractsABIAndSpec() throws { try runSuite("test_abi.py") }
    func testPriceAdapterVectors() throws { try runSuite("test_price_adapters.py") }
    func testPriceAdaptersAgainstPeer() throws { try runSuite("test_adapter_differential.py") }
    func testScenario91() throws { try runSuite("test_scenario_9_1.py") }
    func testScenario92() throws { try runSuite("test_scenario_9_2.py") }
    func testLockAndUnlock() throws { try runSuite("test_lock_unlock.py") }
    func testSetTokenStandIn() throws { try runSuite("test_set_token.py") }
    func testDeterministicDeployerAndCLI() throws { try runSuite("test_deploy.py") }
    func testModuleAdministration() throws { try runSuite("test_module_admin.py") }
}
