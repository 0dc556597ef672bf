import ChainModel
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the keeper's log lines look.
public enum KeeperLogFormat: String, Sendable, CaseIterable {
    /// `keeper: <rebalance or index>: <message>`, for a person at a terminal.
    case text
    /// One JSON object a line: `time` (UTC, ISO 8601), `level`, `message` and every metadata key.
    case json
}

/// A swift-log handler writing one line per event, as text or JSON, through `write` (standard
/// error by default). Metadata is a value, as swift-log requires: a `Logger` copied and given
/// other metadata does not change this one.
public struct KeeperLogHandler: LogHandler {
    /// The line format.
    public var format: KeeperLogFormat
    /// Events below this level are dropped by `Logger`.
    public var logLevel: Logger.Level
    /// Metadata added to every line.
    public var metadata: Logger.Metadata = [:]
    /// Contextual metadata (unused by the keeper; kept for swift-log).
    public var metadataProvider: Logger.MetadataProvider?
    private let write: @Sendable (String) -> Void
    private let now: @Sendable () -> Date

    /// Makes a handler writing `format` lines at `level` and above. `write` receives each line
    /// with its line break (default: one `write(2)` to standard error); `now` stamps JSON lines.
    public init(format: KeeperLogFormat, level: Logger.Level = .info,
                write: @escaping @Sendable (String) -> Void = KeeperLogHandler.standardError,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.format = format
        self.logLevel = level
        self.write = write
        self.now = now
    }

    /// Writes `line` to file descriptor 2 in one call, so concurrent lines do not interleave.
    @Sendable public static func standardError(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Gets or sets one metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The line for `event` (with its line break), merged over this handler's metadata.
    public func line(for event: LogEvent) -> String {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        switch format {
        case .text:
            var prefix = "keeper: "
            if let subject = merged["rebalance"] ?? merged["index"] { prefix += "\(subject): " }
            return prefix + event.message.description + "\n"
        case .json:
            let formatter = ISO8601DateFormatter()
            var fields: [(String, JSONValue)] = [("time", .string(formatter.string(from: now()))),
                                                 ("level", .string(event.level.rawValue))]
            for key in merged.keys.sorted() where key != "time" && key != "level" && key != "message" {
                fields.append((key, KeeperLogHandler.json(merged[key]!)))
            }
            fields.append(("message", .string(event.message.description)))
            return JSONValue.object(fields).serialized + "\n"
        }
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case let .string(text): return .string(text)
        case let .stringConvertible(item): return .string(item.description)
        case let .array(items): return .array(items.map(json))
        case let .dictionary(members): return .object(members.keys.sorted().map { ($0, json(members[$0]!)) })
        }
    }

    /// Writes the event's line.
    public func log(event: LogEvent) {
        write(line(for: event))
    }
}
