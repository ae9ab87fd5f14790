import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock between processes held through a file that exists only while it is held: `flock` on the
/// file, which its holder removes before letting go. A process that locked a file just removed locks nothing, so
/// it checks that the file it holds is still the one at the path and tries again otherwise. A holder that dies
/// leaves the file, unlocked: the next taker locks it as it is.
struct LockFile {
    let path: String
    private var descriptor: Int32

    /// Takes the lock at `path`, trying every `poll` for up to `wait`; throws `busy()` when another process still
    /// holds it then, and an ``InputError`` when the file cannot be opened.
    static func take(_ path: String, wait: Duration, poll: Duration, busy: () -> InputError) throws -> LockFile {
        let deadline = ContinuousClock.now + wait
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw InputError(path: path, message: "cannot open the lock file: \(String(cString: strerror(errno)))")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                var opened = stat(), named = stat()
                if fstat(descriptor, &opened) == 0, stat(path, &named) == 0, opened.st_ino == named.st_ino, opened.st_dev == named.st_dev {
                    return LockFile(path: path, descriptor: descriptor)
                }
                close(descriptor)
                continue
            }
            let reason = errno
            close(descriptor)
            guard reason == EWOULDBLOCK || reason == EINTR, ContinuousClock.now < deadline else { throw busy() }
            Thread.sleep(forTimeInterval: Double(poll.components.seconds) + Double(poll.components.attoseconds) / 1e18)
        }
    }

    /// Removes the file while still holding it, then lets go. Safe to call more than once.
    mutating func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}
