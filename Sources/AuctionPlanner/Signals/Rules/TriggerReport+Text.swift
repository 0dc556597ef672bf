import Foundation

extension TriggerReport {
    /// A table for people: one line per rule and subject with value, condition, fired and action,
    /// then the verdict (`rebalance due`, `flagged for review` or `no trigger fired`).
    public func table() -> String {
        var lines: [[String]] = [["rule", "subject", "metric", "value", "condition", "fired", "action"]]
        for o in outcomes {
            var action = o.action.name
            if let a = o.weightAdjustment { action += String(format: " %+.2f%%", a * 100) }
            lines.append([o.rule, o.assetId ?? "basket", o.metric, o.value.map(Self.format) ?? "n/a (\(o.note ?? ""))",
                          o.condition.description, o.fired ? "YES" : "no", action])
        }
        let widths = (0..<7).map { c in lines.map { $0[c].count }.max()! }
        var out = "triggers as of \(asOf)\n"
        for line in lines {
            out += line.enumerated().map { c, cell in
                c == 3 ? String(repeating: " ", count: widths[c] - cell.count) + cell
                       : cell + String(repeating: " ", count: widths[c] - cell.count)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        let adjustments = weightAdjustments
        if !adjustments.isEmpty {
            let adjusted = adjustedWeights
            for id in adjustments.keys.sorted() {
                out += String(format: "adjust %@: %+.2f%% → weight %.4f%% (target %.4f%%)\n", id, adjustments[id]! * 100,
                              (adjusted[id] ?? 0) * 100, (targetWeights[id] ?? 0) * 100)
            }
        }
        out += rebalanceDue ? "rebalance due\n" : flagged ? "flagged for review, no rebalance due\n" : "no trigger fired\n"
        return out
    }

    /// The report as JSON (sorted keys): `as_of`, `rebalance_due`, `flagged`, `outcomes` (rule, metric,
    /// scope, asset, value or null, condition, fired, action, weight_adjustment, note), `target_weights`,
    /// `weight_adjustments` and `adjusted_weights`.
    public func json() -> String {
        func num(_ v: Double?) -> Any { v.flatMap { $0.isFinite ? $0 as Any : nil } ?? NSNull() }
        let doc: [String: Any] = [
            "as_of": asOf.description,
            "rebalance_due": rebalanceDue,
            "flagged": flagged,
            "outcomes": outcomes.map { o -> [String: Any] in
                var condition: [String: Any] = [:]
                switch o.condition {
                case let .above(t): condition = ["above": t]
                case let .below(t): condition = ["below": t]
                case let .outside(lo, hi): condition = ["outside": [lo, hi]]
                case .event: condition = ["event": true]
                }
                var action: Any = o.action.name
                if case let .adjustWeight(scale, maximum) = o.action { action = ["adjust_weight": ["scale": scale, "max": maximum]] }
                return ["rule": o.rule, "metric": o.metric, "scope": o.scope.rawValue, "asset": o.assetId as Any? ?? NSNull(),
                        "value": num(o.value), "condition": condition, "fired": o.fired, "action": action,
                        "weight_adjustment": num(o.weightAdjustment), "note": o.note as Any? ?? NSNull()]
            },
            "target_weights": targetWeights,
            "weight_adjustments": weightAdjustments,
            "adjusted_weights": adjustedWeights,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The trigger log of a run: one CSV line per fired outcome of every report, with header
    /// `date,rule,subject,metric,value,condition,action,weight_adjustment` (values with 17 significant digits).
    public static func firedCSV(_ reports: [TriggerReport]) -> String {
        var out = "date,rule,subject,metric,value,condition,action,weight_adjustment\n"
        func quoted(_ s: String) -> String {
            s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        for report in reports {
            for o in report.outcomes where o.fired {
                let fields = [report.asOf.description, o.rule, o.assetId ?? "basket", o.metric,
                              o.value.map { String(format: "%.17g", $0) } ?? "", o.condition.description, o.action.name,
                              o.weightAdjustment.map { String(format: "%.17g", $0) } ?? ""]
                out += fields.map(quoted).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func format(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        return abs(v) >= 1e6 || (abs(v) < 1e-4 && v != 0) ? String(format: "%.6g", v) : String(format: "%.6f", v)
    }
}
