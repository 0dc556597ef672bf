/// A malformed input file (market data, asset metadata, methodology): names the file, the line (for text formats) or
/// element path (for JSON), the field, the offending value and the rule it broke.
public struct InputFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file being read.
    public var file: String
    /// 1-based line number for CSV and YAML; nil for JSON, where `field` carries the element path.
    public var line: Int?
    /// The column, key or JSON path of the bad value.
    public var field: String
    /// The offending value, truncated to 80 characters.
    public var value: String
    /// The rule the value broke.
    public var rule: String

    /// An error at `file`:`line`, field `field`.
    public init(file: String, line: Int?, field: String, value: String, rule: String) {
        self.file = file
        self.line = line
        self.field = field
        self.value = value.count > 80 ? String(value.prefix(77)) + "..." : value
        self.rule = rule
    }

    /// `file:line: field 'f' = 'v': rule`.
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): field '\(field)' = '\(value)': \(rule)"
    }
}

/// One day of market data for one asset. Missing values are nil; a zero market cap is
/// stored as nil and reported (CoinGecko reports 0 for days it has no market cap).
public struct DailyObservation: Equatable, Sendable {
    /// The UTC day the values belong to (00:00 UTC stamp).
    public var day: Day
    /// Closing (or 00:00 UTC snapshot) price in USD.
    public var close: Double?
    /// Market capitalisation in USD (circulating).
    public var marketCap: Double?
    /// Traded volume in USD over the day.
    public var volume: Double?
    /// Circulating supply in units of the asset.
    public var circulatingSupply: Double?
    /// Fully diluted valuation in USD.
    public var fullyDilutedValuation: Double?

    /// An observation on `day` with the given values (nil = missing).
    public init(day: Day, close: Double? = nil, marketCap: Double? = nil, volume: Double? = nil,
                circulatingSupply: Double? = nil, fullyDilutedValuation: Double? = nil) {
        self.day = day
        self.close = close
        self.marketCap = marketCap
        self.volume = volume
        self.circulatingSupply = circulatingSupply
        self.fullyDilutedValuation = fullyDilutedValuation
    }
}

/// Something in the data that was handled by a documented rule rather than used as is
/// (`methodology.md` §5): reported with the weights and the backtest, never silent.
public struct DataIssue: Equatable, Sendable, CustomStringConvertible {
    /// What was found and what was done about it.
    public enum Kind: Equatable, Sendable {
        /// Days between two observations had no data; prices are carried forward over them.
        case missingDays(from: Day, to: Day, count: Int)
        /// A market cap of 0 was treated as missing.
        case zeroMarketCap(Day)
        /// The last point of a daily series was not at 00:00 UTC (an intraday snapshot) and was dropped.
        case intradayPointDropped(Day)
        /// A value was absent (`null` or empty) on that day.
        case missingValue(Day, field: String)
    }
    /// The asset concerned.
    public var assetId: String
    /// The file it came from.
    public var file: String
    /// What happened.
    public var kind: Kind

    /// An issue for `assetId` in `file`.
    public init(assetId: String, file: String, kind: Kind) {
        self.assetId = assetId
        self.file = file
        self.kind = kind
    }

    /// One line for people, e.g. `render: 3 missing days 2024-01-02…2024-01-04 (carried forward) [file.csv]`.
    public var description: String {
        switch kind {
        case let .missingDays(from, to, count):
            return "\(assetId): \(count) missing day(s) \(from)…\(to), last values carried forward [\(file)]"
        case let .zeroMarketCap(day):
            return "\(assetId): market cap 0 on \(day) treated as missing [\(file)]"
        case let .intradayPointDropped(day):
            return "\(assetId): intraday last point on \(day) dropped [\(file)]"
        case let .missingValue(day, field):
            return "\(assetId): \(field) missing on \(day) [\(file)]"
        }
    }
}
