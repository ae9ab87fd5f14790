/// Where the render stage puts each file as soon as it is rendered: the output stage's staging folder in a run
/// (``StagingFolder``), so no page waits in memory for the others, or a ``RenderedFileCollector``. Called from
/// several threads at once.
public protocol RenderedFileSink: Sendable {
    func write(_ file: RenderedFile) throws

    /// Writes the file at `path` from the chunks `produce` hands to its argument, in order, as they come (a
    /// fleet's CSV files, never held whole). The default collects them and calls ``write(_:)``.
    func write(path: String, chunks produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws
}

extension RenderedFileSink {
    public func write(path: String, chunks produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        var contents: [UInt8] = []
        try produce { contents += $0 }
        try write(RenderedFile(path: path, contents: contents))
    }
}

/// Keeps the rendered files in memory (tests, and callers that render without writing).
public final class RenderedFileCollector: RenderedFileSink {
    private let collected = Locked<[RenderedFile]>([])

    public init() {}

    public func write(_ file: RenderedFile) throws { collected.withValue { $0.append(file) } }

    /// The files written so far, sorted by path.
    public var files: [RenderedFile] { collected.get().sorted { $0.path < $1.path } }
}
