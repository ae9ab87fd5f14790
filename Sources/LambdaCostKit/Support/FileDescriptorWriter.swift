#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// write(2) until every byte is written, for the files the run writes itself (spilled runs, report files).
enum FileDescriptorWriter {
    /// Writes all of `bytes` at the descriptor's position, again after an interrupted call; `nil` when done, else
    /// why it failed (`No space left on device`).
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> String? {
        var done = 0
        while done < bytes.count {
            let put = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if put < 0 && errno == EINTR { continue }
            guard put > 0 else { return String(cString: strerror(errno)) }
            done += put
        }
        return nil
    }
}
