#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive, non-blocking `flock` on `<journal>.lock`, held for the life of the value. The
/// holder's process id is written into the file so a refused instance can name it. The kernel
/// drops the lock when the process dies (also on `kill -9`), so a stale lock never blocks a restart.
public final class JournalLock {
    /// The lock file's path.
    public let path: String
    private var descriptor: Int32

    /// Takes the lock for `journalPath`. Throws `KeeperError.journalLocked` (naming the holder's
    /// pid) when another keeper holds it, `KeeperError.lockFailed` when the file cannot be opened.
    public init(journalPath: String) throws(KeeperError) {
        path = journalPath + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .lockFailed(path: path, reason: String(cString: strerror(errno))) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let holder = JournalLock.readHolder(descriptor)
            close(descriptor)
            descriptor = -1  // a throwing class initializer still runs deinit
            if code == EAGAIN {
                throw .journalLocked(path: journalPath, holder: holder.isEmpty ? "pid unknown" : "pid \(holder)")
            }
            throw .lockFailed(path: path, reason: String(cString: strerror(code)))
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    static func readHolder(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return "" }
        return String(decoding: buffer[0..<count], as: UTF8.self).filter { $0.isNumber }
    }

    /// Releases the lock now (also done when the value is freed).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
