/// Writes bytes to a file unchanged.
public final class PlainFileWriter {
    private let file: SampleFileHandle

    /// Creates (or truncates) the file at `path`.
    public init(path: String) throws { file = try SampleFileHandle(path: path) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws { try file.write(bytes) }

    /// Flushes and closes the file.
    public func finish() throws { try file.close() }
}
