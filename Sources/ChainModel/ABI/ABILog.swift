/// One parameter of a decoded event log.
public struct ABILogField: Hashable, Sendable {
    /// The event parameter (name, type, `indexed`).
    public var parameter: ABIParameter
    /// The value; for an indexed parameter of a dynamic or composite type (`string`, `bytes`, arrays,
    /// tuples) the log only holds the Keccak-256 hash of its encoding, given as `fixedBytes` of 32 bytes.
    public var value: ABIValue
    /// True when ``value`` is the topic hash rather than the value itself.
    public var isTopicHash: Bool
}

/// An event log decoded with its ABI.
public struct ABIDecodedLog: Hashable, Sendable {
    /// The event that matched.
    public var event: ABIEvent
    /// The parameters in declaration order.
    public var fields: [ABILogField]

    /// The value of the field called `name`, or nil.
    public subscript(name: String) -> ABIValue? { fields.first { $0.parameter.name == name }?.value }

    /// `Name(field: value, …)`, hashed indexed values marked `topic 0x…`.
    public var description: String {
        event.name + "(" + fields.map { field in
            let value = field.isTopicHash ? "topic " + field.value.formatted(as: .fixedBytes(32)) : field.value.formatted(as: field.parameter.type)
            return field.parameter.name.isEmpty ? value : field.parameter.name + ": " + value
        }.joined(separator: ", ") + ")"
    }
}

/// A log that does not match its event: topic count, topic0, or undecodable topics or data.
public struct ABILogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What does not match.
    public enum Reason: Hashable, Sendable {
        /// The log has `actual` topics; the event needs `expected`.
        case topicCount(expected: Int, actual: Int)
        /// The first topic is another event's.
        case topic0Mismatch(expected: Bytes32, found: Bytes32)
        /// No event of the ABI has this topic0 (or the log has no topics).
        case unknownEvent(Bytes32?)
        /// An indexed value's topic is not a canonical word of its type.
        case topic(index: Int, parameter: String, ABIDecodingError)
        /// The data is not the encoding of the non-indexed parameters.
        case data(ABIDecodingError)
    }

    /// The event concerned, when known.
    public var event: String
    /// What does not match.
    public var reason: Reason

    /// One line naming the event and the problem.
    public var description: String {
        switch reason {
        case let .topicCount(expected, actual):
            return "log of \(event): expected \(expected) topics, got \(actual)"
        case let .topic0Mismatch(expected, found):
            return "log of \(event): topic0 \(found) is not \(expected)"
        case let .unknownEvent(topic):
            return topic.map { "no event in the ABI has topic0 \($0)" } ?? "log without topics matches no non-anonymous event"
        case let .topic(index, parameter, error):
            return "log of \(event): topic \(index) (\(parameter)): \(error)"
        case let .data(error):
            return "log of \(event): data \(error)"
        }
    }
}

extension ABIType {
    /// True for the types whose indexed values appear in topics as themselves (one word);
    /// other indexed values appear as the Keccak-256 hash of their encoding.
    var isTopicValueType: Bool {
        switch self {
        case .uint, .int, .address, .bool, .fixedBytes, .function, .fixed, .ufixed: return true
        case .bytes, .string, .array, .fixedArray, .tuple: return false
        }
    }
}

extension ABIEvent {
    /// Decodes a log of this event: indexed parameters from the topics (after topic0 unless
    /// ``anonymous``), the others from `data`.
    ///
    /// Throws ``ABILogError`` when the topic count or topic0 does not match, or a topic or the data
    /// is not a canonical encoding.
    public func decodeLog(topics: [Bytes32], data: [UInt8]) throws(ABILogError) -> ABIDecodedLog {
        let indexed = inputs.filter(\.indexed)
        let expected = indexed.count + (anonymous ? 0 : 1)
        guard topics.count == expected else {
            throw ABILogError(event: name, reason: .topicCount(expected: expected, actual: topics.count))
        }
        if !anonymous, topics[0] != topic0 {
            throw ABILogError(event: name, reason: .topic0Mismatch(expected: topic0, found: topics[0]))
        }
        let plain = inputs.filter { !$0.indexed }
        let values: [ABIValue]
        do {
            values = try ABIDecoder.decode(parameters: plain, from: data)
        } catch {
            throw ABILogError(event: name, reason: .data(error))
        }
        var fields: [ABILogField] = []
        var topicIndex = anonymous ? 0 : 1
        var valueIndex = 0
        for parameter in inputs {
            if parameter.indexed {
                let topic = topics[topicIndex]
                if parameter.type.isTopicValueType {
                    do {
                        let value = try ABIDecoder.decode(types: [parameter.type], from: topic.bytes)[0]
                        fields.append(ABILogField(parameter: parameter, value: value, isTopicHash: false))
                    } catch {
                        throw ABILogError(event: name, reason: .topic(index: topicIndex, parameter: parameter.name, error))
                    }
                } else {
                    fields.append(ABILogField(parameter: parameter, value: .fixedBytes(topic.bytes), isTopicHash: true))
                }
                topicIndex += 1
            } else {
                fields.append(ABILogField(parameter: parameter, value: values[valueIndex], isTopicHash: false))
                valueIndex += 1
            }
        }
        return ABIDecodedLog(event: self, fields: fields)
    }
}

extension ContractABI {
    /// Decodes a log with the event whose topic0 is the log's first topic.
    ///
    /// Throws ``ABILogError`` when no event matches or the log does not decode as that event.
    /// (Anonymous events have no topic0; decode those with ``ABIEvent/decodeLog(topics:data:)``.)
    public func decodeLog(topics: [Bytes32], data: [UInt8]) throws(ABILogError) -> ABIDecodedLog {
        guard let first = topics.first, let event = event(topic0: first) else {
            throw ABILogError(event: "", reason: .unknownEvent(topics.first))
        }
        return try event.decodeLog(topics: topics, data: data)
    }
}
