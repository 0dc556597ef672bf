/// A log matched to an event of a known ABI.
public struct DecodedEvent: Sendable, Equatable {
    /// The event the log matched.
    public var event: ABIEvent
    /// One value per event input, in declaration order. An indexed dynamic value (string,
    /// bytes, array, tuple) appears as the 32-byte hash its topic holds, as `.fixedBytes`.
    public var values: [ABIValue]

    /// Makes a decoded event.
    public init(event: ABIEvent, values: [ABIValue]) {
        self.event = event
        self.values = values
    }
}

extension EventLog {
    /// Decodes this log with the first of `events` whose topic 0 (or, for anonymous events,
    /// topic count and data) matches. Returns `nil` when none matches or the log's data is not
    /// a canonical encoding of the event's non-indexed inputs; never throws.
    public func decode(using events: [ABIEvent]) -> DecodedEvent? {
        for event in events {
            if let decoded = decode(as: event) { return decoded }
        }
        return nil
    }

    /// Decodes this log as `event`; `nil` when topic 0, the topic count or the data do not fit.
    public func decode(as event: ABIEvent) -> DecodedEvent? {
        var topicIndex = 0
        if !event.anonymous {
            guard topics.first == event.topic0 else { return nil }
            topicIndex = 1
        }
        let indexed = event.inputs.filter(\.indexed)
        guard topics.count == topicIndex + indexed.count else { return nil }
        let plain = event.inputs.filter { !$0.indexed }
        guard let plainValues = try? ABIDecoder.decode(parameters: plain, from: data) else { return nil }
        var values: [ABIValue] = []
        var plainIndex = 0
        for input in event.inputs {
            if input.indexed {
                let topic = topics[topicIndex]
                topicIndex += 1
                if input.type.isDynamic || EventLog.isHashedWhenIndexed(input.type) {
                    values.append(.fixedBytes(topic.bytes))
                } else {
                    guard let value = try? ABIDecoder.decode(types: [input.type], from: topic.bytes).first else { return nil }
                    values.append(value)
                }
            } else {
                values.append(plainValues[plainIndex])
                plainIndex += 1
            }
        }
        return DecodedEvent(event: event, values: values)
    }

    /// Indexed arrays and tuples are stored as hashes even when statically sized.
    static func isHashedWhenIndexed(_ type: ABIType) -> Bool {
        switch type {
        case .array, .fixedArray, .tuple, .string, .bytes: return true
        default: return false
        }
    }
}
