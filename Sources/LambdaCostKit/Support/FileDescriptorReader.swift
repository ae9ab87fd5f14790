#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// pread(2) until every byte asked for is read, for the files the run reads at offsets (split input files, ZIP
/// archives, its own spilled runs and rejects): the twin of ``FileDescriptorWriter``.
enum FileDescriptorReader {
    /// Fills `buffer` from `offset` of the descriptor, again after an interrupted call. Returns the bytes read and,
    /// when a read failed, why (`No such device`); fewer bytes and no failure: the file ended first.
    static func readAll(into buffer: UnsafeMutableRawBufferPointer, from descriptor: Int32, at offset: Int) -> (count: Int, failure: String?) {
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if got < 0 && errno == EINTR { continue }
            if got < 0 { return (done, String(cString: strerror(errno))) }
            if got == 0 { return (done, nil) }
            done += got
        }
        return (done, nil)
    }
}
