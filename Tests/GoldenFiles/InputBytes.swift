import LambdaCostKit

/// An input file's bytes as the tool reads them: gunzipped or unzipped through its own ``ByteSource``.
public enum InputBytes {
    public static func contents(_ path: String) throws -> [UInt8] {
        let source = try ByteSource(path: path)
        var result: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = try source.read(into: buffer)
            if count == 0 { break }
            result += buffer[..<count]
        }
        return result
    }
}
