import Foundation
import Secp
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing keystore files: bounded reads; writes that are atomic (temporary file,
/// then link or rename), mode 0600, and never replace an existing file unless asked.
public enum KeystoreFile {
    /// The largest file accepted as a keystore.
    public static let maxFileSize = 1 << 20

    /// Reads a file of at most ``maxFileSize`` bytes (keystores, password files).
    /// - Returns: the bytes.
    /// - Throws: ``KeystoreError/io(path:operation:errno:)`` or ``KeystoreError/fileTooLarge(path:byteCount:)``.
    public static func read(path: String) throws(KeystoreError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
        guard Int(status.st_size) <= maxFileSize else { throw .fileTooLarge(path: path, byteCount: Int(status.st_size)) }
        var bytes = [UInt8](repeating: 0, count: maxFileSize + 1)
        var total = 0
        while total <= maxFileSize {
            let count = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + total, maxFileSize + 1 - total) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", errno: errno)
            }
            if count == 0 { break }
            total += count
        }
        guard total <= maxFileSize else { throw .fileTooLarge(path: path, byteCount: total) }
        let result = Array(bytes[0..<total])
        secureZero(&bytes)
        return result
    }

    /// Writes `bytes` to `path` with mode 0600: first to a temporary file in the same directory
    /// (flushed to disk), then moved into place in one step.
    /// - Parameter overwrite: when false, an existing `path` is left alone and the call fails.
    /// - Throws: ``KeystoreError/fileExists(path:)`` or ``KeystoreError/io(path:operation:errno:)``; nothing is left half-written.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool = false) throws(KeystoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var random = SystemRandomNumberGenerator()
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).\(String(random.next() as UInt64, radix: 16)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .io(path: temporary, operation: "create", errno: errno) }
        var keepTemporary = false
        defer { if !keepTemporary { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            try writeAll(bytes, descriptor: descriptor, path: temporary)
        }
        if overwrite {
            guard rename(temporary, path) == 0 else { throw .io(path: path, operation: "rename", errno: errno) }
            keepTemporary = true
        } else {
            // link() fails with EEXIST instead of replacing: the no-overwrite move.
            guard link(temporary, path) == 0 else {
                if errno == EEXIST { throw .fileExists(path: path) }
                throw .io(path: path, operation: "link", errno: errno)
            }
        }
        // Make the new directory entry durable too.
        let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private static func writeAll(_ bytes: [UInt8], descriptor: Int32, path: String) throws(KeystoreError) {
        guard fchmod(descriptor, 0o600) == 0 else { throw .io(path: path, operation: "chmod", errno: errno) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "write", errno: errno)
            }
            written += count
        }
        guard fsync(descriptor) == 0 else { throw .io(path: path, operation: "fsync", errno: errno) }
    }
}

/// POSIX `write(2)` under a name that the `write(_:to:overwrite:)` method does not shadow.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

/// POSIX `read(2)` under a name that the `read(path:)` method does not shadow.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
