import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one finished XML part, read by position (as the ZIP writer pulls them): the start of a large
/// part is in a temporary file (``XMLPartWriter`` spills it as it grows), the rest in the writer's buffer.
struct XMLPartBytes {
    /// The part's length in bytes.
    let count: Int
    /// The temporary file holding the first `spilled` bytes (`-1` when nothing was spilled).
    let descriptor: Int32
    let spilled: Int
    /// The bytes after the spilled ones.
    let tail: UnsafeBufferPointer<UInt8>
    let part: String

    /// `size` bytes from `position`, which lie inside the part.
    func read(_ position: Int, _ size: Int) throws -> Data {
        precondition(position >= 0 && size >= 0 && position + size <= count)
        var data = Data(count: size)
        var filled = 0
        if position < spilled {
            let fromFile = min(size, spilled - position)
            let result = data.withUnsafeMutableBytes { buffer in
                FileDescriptorReader.readAll(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<fromFile]), from: descriptor, at: position)
            }
            guard result.failure == nil, result.count == fromFile else {
                throw XLSXError.xmlWriter(part: part, call: "pread of the spilled part: \(result.failure ?? "short read")")
            }
            filled = fromFile
        }
        if filled < size {
            let start = position + filled - spilled
            data.withUnsafeMutableBytes { buffer in
                UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<size])
                    .copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: tail[start..<start + size - filled])))
            }
        }
        return data
    }

    /// All the bytes (for small parts and tests).
    func all() throws -> [UInt8] { spilled == 0 ? Array(tail) : Array(try read(0, count)) }
}
