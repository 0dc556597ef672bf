import ChainModel

/// A revert of OpenZeppelin 3.x `SafeMath`, the checked arithmetic of the solc 0.6.10 module.
/// `description` is the exact revert string.
public enum SafeMathError: Error, Equatable, Sendable, CustomStringConvertible {
    /// "SafeMath: addition overflow".
    case additionOverflow
    /// "SafeMath: subtraction overflow" (the subtrahend was larger).
    case subtractionOverflow
    /// "SafeMath: multiplication overflow".
    case multiplicationOverflow
    /// "SafeMath: division by zero".
    case divisionByZero

    /// The revert string the contract emits.
    public var description: String {
        switch self {
        case .additionOverflow: return "SafeMath: addition overflow"
        case .subtractionOverflow: return "SafeMath: subtraction overflow"
        case .multiplicationOverflow: return "SafeMath: multiplication overflow"
        case .divisionByZero: return "SafeMath: division by zero"
        }
    }
}

/// OpenZeppelin 3.x `SafeMath` on `UInt256`: each operation returns the exact result or throws
/// the revert the contract would raise.
public enum SafeMath {
    /// `a + b`; throws `.additionOverflow` past 2²⁵⁶ − 1.
    @inlinable
    public static func add(_ a: UInt256, _ b: UInt256) throws(SafeMathError) -> UInt256 {
        let (r, o) = Word256.add(a, b)
        if o { throw .additionOverflow }
        return r
    }

    /// `a − b`; throws `.subtractionOverflow` when `b > a`.
    @inlinable
    public static func sub(_ a: UInt256, _ b: UInt256) throws(SafeMathError) -> UInt256 {
        let (r, o) = Word256.sub(a, b)
        if o { throw .subtractionOverflow }
        return r
    }

    /// `a · b`; throws `.multiplicationOverflow` past 2²⁵⁶ − 1.
    @inlinable
    public static func mul(_ a: UInt256, _ b: UInt256) throws(SafeMathError) -> UInt256 {
        let (r, o) = Word256.mul(a, b)
        if o { throw .multiplicationOverflow }
        return r
    }

    /// `⌊a / b⌋`; throws `.divisionByZero` when `b == 0`.
    @inlinable
    public static func div(_ a: UInt256, _ b: UInt256) throws(SafeMathError) -> UInt256 {
        if b.isZero { throw .divisionByZero }
        return Word256.divMod(a, b).quotient
    }
}
