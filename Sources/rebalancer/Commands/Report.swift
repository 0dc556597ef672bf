import ArgumentParser
import AuctionPlanner
import Foundation

/// `rebalancer report --plan plan.json --out report.html`: one self-contained HTML page of the
/// plan, recomputed from its recorded inputs (hashes checked) so the page shows verified numbers.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of a plan (weights chart, trades, price-curve charts, warnings, inputs).",
        discussion: """
        The plan is recomputed from its recorded input files (paths relative to --base-dir); the \
        report is written only when their Keccak-256 and the whole plan document match, so the \
        page never shows numbers the inputs do not imply (use `rebalancer verify` to see differences). \
        The page has inline CSS and SVG only: no scripts, fonts or images from elsewhere.

        Example:
          rebalancer report --plan examples/expected/plan.json --out report.html
        """
    )

    @Option(help: ArgumentHelp("The plan document (rebalancer/plan@1).", valueName: "file"))
    var plan: String

    @Option(help: ArgumentHelp("Write the HTML here (atomically).", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("The directory the plan's recorded input paths are relative to (default: the current one).", valueName: "dir"))
    var baseDir: String?

    func run() throws {
        let (planBytes, recorded, inputs) = try RecordedPlan.load(plan, baseDir: baseDir)
        if let first = recorded.hashDifferences(inputs.files).first {
            throw CommandFailure("\(plan): \(first); run `rebalancer verify --plan \(plan)` for every difference")
        }
        let recomputed = try Planner.plan(inputs)
        if let first = PlanVerifier.documentDifferences(recorded: planBytes, recomputed: recomputed).first {
            throw CommandFailure("\(plan): the document differs from what its inputs imply at \(first); run `rebalancer verify --plan \(plan)`")
        }
        let html = PlanReport.html(recomputed)
        try AtomicFile.write(html, to: out)
        print("wrote \(out) (\(html.utf8.count) bytes)")
    }
}
