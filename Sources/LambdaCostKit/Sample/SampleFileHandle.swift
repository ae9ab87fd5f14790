#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A C stdio file opened for writing, with errors turned into ``SampleGeneratorError``.
final class SampleFileHandle {
    private var file: UnsafeMutablePointer<FILE>?
    let path: String

    init(path: String) throws {
        self.path = path
        guard let file = fopen(path, "wb") else {
            throw SampleGeneratorError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        self.file = file
    }

    deinit { if let file { fclose(file) } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let file else { throw SampleGeneratorError("\(path) is already closed") }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        guard fwrite(base, 1, bytes.count, file) == bytes.count else {
            throw SampleGeneratorError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    func close() throws {
        guard let file else { return }
        self.file = nil
        guard fclose(file) == 0 else {
            throw SampleGeneratorError("cannot close \(path): \(String(cString: strerror(errno)))")
        }
    }
}
