/// Systemic stress inputs supplied from outside the price data: perpetual funding rates and
/// governance events (stablecoin depegs are measured from price data instead).
///
/// File format (CSV, header required, one event per line, any order):
/// ```
/// date,kind,subject,value
/// 2024-03-01,funding_rate,BTC-PERP,0.0012
/// 2024-03-02,governance,aave: emergency pause,
/// ```
/// `kind` is `funding_rate` (value = the period's funding rate as a fraction, required) or
/// `governance` (value empty).
public struct StressInputs: Equatable, Sendable {
    /// One funding-rate observation.
    public struct FundingRate: Equatable, Sendable {
        /// The UTC day.
        public var day: Day
        /// The market (e.g. `BTC-PERP`).
        public var market: String
        /// The funding rate as a fraction (0.001 = 0.1 %).
        public var rate: Double
    }

    /// One governance event.
    public struct GovernanceEvent: Equatable, Sendable {
        /// The UTC day.
        public var day: Day
        /// What happened (free text).
        public var subject: String
    }

    /// Funding rates in file order.
    public var fundingRates: [FundingRate] = []
    /// Governance events in file order.
    public var governanceEvents: [GovernanceEvent] = []

    /// Empty inputs.
    public init() {}

    /// Parses the stress CSV.
    /// - Throws: `InputFileError` naming the line, column and rule for a bad header, date, kind or value.
    public static func parse(_ text: String, file: String) throws(InputFileError) -> StressInputs {
        let records = try CSVReader.records(text, file: file)
        guard let header = records.first else {
            throw InputFileError(file: file, line: nil, field: "(header)", value: "", rule: "the file is empty: expected header date,kind,subject,value")
        }
        guard header.fields.map({ $0.lowercased() }) == ["date", "kind", "subject", "value"] else {
            throw InputFileError(file: file, line: header.line, field: "(header)", value: header.fields.joined(separator: ","),
                                 rule: "expected header date,kind,subject,value")
        }
        var result = StressInputs()
        for record in records.dropFirst() {
            let f = record.fields
            guard f.count == 4 else {
                throw InputFileError(file: file, line: record.line, field: "(record)", value: f.joined(separator: ","),
                                     rule: "expected 4 fields, found \(f.count)")
            }
            guard let day = Day(iso: f[0]) else {
                throw InputFileError(file: file, line: record.line, field: "date", value: String(f[0]), rule: "expected a date YYYY-MM-DD")
            }
            let subject = String(f[2])
            switch f[1] {
            case "funding_rate":
                guard !subject.isEmpty else {
                    throw InputFileError(file: file, line: record.line, field: "subject", value: "", rule: "funding_rate needs the market")
                }
                guard let rate = CSVReader.number(f[3]), abs(rate) < 1 else {
                    throw InputFileError(file: file, line: record.line, field: "value", value: String(f[3]),
                                         rule: "funding_rate needs a finite rate with |rate| < 1")
                }
                result.fundingRates.append(FundingRate(day: day, market: subject, rate: rate))
            case "governance":
                guard f[3].isEmpty else {
                    throw InputFileError(file: file, line: record.line, field: "value", value: String(f[3]), rule: "governance takes no value")
                }
                result.governanceEvents.append(GovernanceEvent(day: day, subject: subject))
            default:
                throw InputFileError(file: file, line: record.line, field: "kind", value: String(f[1]),
                                     rule: "kind must be funding_rate or governance")
            }
        }
        return result
    }
}
