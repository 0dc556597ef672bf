/// A dense row-major square or rectangular matrix of `Double` for the small problems of the
/// optimizers (n ≤ a few hundred).
public struct DenseMatrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Row-major storage, `rows × columns` values.
    public var storage: [Double]

    /// A zero matrix.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        storage = [Double](repeating: 0, count: rows * columns)
    }

    /// A matrix from nested rows (all of the same length).
    public init(_ nested: [[Double]]) {
        rows = nested.count
        columns = nested.first?.count ?? 0
        storage = nested.flatMap { $0 }
        precondition(storage.count == rows * columns, "ragged rows")
    }

    /// Element access.
    @inline(__always)
    public subscript(_ i: Int, _ j: Int) -> Double {
        get { storage[i * columns + j] }
        set { storage[i * columns + j] = newValue }
    }

    /// `self · x`.
    public func multiply(_ x: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: rows)
        storage.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { v in
                for i in 0..<rows {
                    var s = 0.0
                    let base = i * columns
                    for j in 0..<columns { s += a[base + j] * v[j] }
                    out[i] = s
                }
            }
        }
        return out
    }

    /// `xᵀ · self · x` for a square matrix.
    public func quadraticForm(_ x: [Double]) -> Double {
        dot(x, multiply(x))
    }

    /// The lower Cholesky factor `L` with `self = L·Lᵀ`, or nil when the matrix is not
    /// (numerically) positive definite.
    public func cholesky() -> DenseMatrix? {
        precondition(rows == columns, "square matrix")
        let n = rows
        var l = DenseMatrix(rows: n, columns: n)
        for j in 0..<n {
            var d = self[j, j]
            for k in 0..<j { d -= l[j, k] * l[j, k] }
            guard d > 1e-300, d > 1e-14 * abs(self[j, j]) else { return nil }
            let root = d.squareRoot()
            l[j, j] = root
            for i in (j + 1)..<n {
                var s = self[i, j]
                for k in 0..<j { s -= l[i, k] * l[j, k] }
                l[i, j] = s / root
            }
        }
        return l
    }

    /// Solves `L·Lᵀ·x = b` for this lower Cholesky factor `L`.
    public func choleskySolve(_ b: [Double]) -> [Double] {
        let n = rows
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= self[i, k] * y[k] }
            y[i] = s / self[i, i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<n { s -= self[k, i] * y[k] }
            y[i] = s / self[i, i]
        }
        return y
    }

    /// The inverse of a symmetric positive definite matrix, or nil when it is not positive definite.
    public func inverseSPD() -> DenseMatrix? {
        guard let l = cholesky() else { return nil }
        let n = rows
        var inv = DenseMatrix(rows: n, columns: n)
        var e = [Double](repeating: 0, count: n)
        for j in 0..<n {
            e[j] = 1
            let col = l.choleskySolve(e)
            for i in 0..<n { inv[i, j] = col[i] }
            e[j] = 0
        }
        // Symmetrize the rounding.
        for i in 0..<n { for j in (i + 1)..<n { let m = 0.5 * (inv[i, j] + inv[j, i]); inv[i, j] = m; inv[j, i] = m } }
        return inv
    }
}

/// `Σ a_i b_i`.
@inline(__always)
func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in
            for i in 0..<x.count { s += x[i] * y[i] }
        }
    }
    return s
}
