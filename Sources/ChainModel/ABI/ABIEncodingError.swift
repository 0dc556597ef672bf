/// A value that cannot be encoded as its ABI type: the path to the value and the rule it breaks.
///
/// Example description: `argument 4 (_newComponentsAuctionParams)[1].priceAdapterName: expected string, found uint`.
public struct ABIEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule a value breaks.
    public enum Reason: Hashable, Sendable {
        /// The argument list has `actual` values for `expected` types.
        case argumentCount(expected: Int, actual: Int)
        /// The value's kind does not fit the type (`expected` is the type, `found` the value kind).
        case typeMismatch(expected: String, found: String)
        /// An integer does not fit the type's bit size (`uint8` given 256, `int8` given -129).
        case outOfRange(type: String)
        /// `bytesN` (or `function`, 24 bytes) given a different number of bytes.
        case wrongByteCount(type: String, expected: Int, actual: Int)
        /// A tuple value with `actual` fields for a tuple type of `expected` components.
        case wrongTupleArity(expected: Int, actual: Int)
        /// A fixed-size array `T[k]` given `actual` elements.
        case wrongElementCount(type: String, expected: Int, actual: Int)
    }

    /// Where the offending value is.
    public var path: ABIValuePath
    /// What is wrong with it.
    public var reason: Reason

    /// Creates an error at `path`.
    public init(path: ABIValuePath = ABIValuePath(), reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// The same error one level further out.
    func prepending(_ component: ABIValuePath.Component) -> ABIEncodingError {
        ABIEncodingError(path: path.prepending(component), reason: reason)
    }

    /// One line: path, then reason.
    public var description: String {
        let rule: String
        switch reason {
        case let .argumentCount(expected, actual):
            return "wrong number of arguments: expected \(expected), got \(actual)"
        case let .typeMismatch(expected, found): rule = "expected \(expected), found \(found)"
        case let .outOfRange(type): rule = "value out of range for \(type)"
        case let .wrongByteCount(type, expected, actual): rule = "\(type) needs \(expected) bytes, got \(actual)"
        case let .wrongTupleArity(expected, actual): rule = "wrong tuple arity: expected \(expected) fields, got \(actual)"
        case let .wrongElementCount(type, expected, actual): rule = "\(type) needs \(expected) elements, got \(actual)"
        }
        return "\(path): \(rule)"
    }
}
