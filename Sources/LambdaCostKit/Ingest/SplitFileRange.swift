/// A reading position in a ``SplitFile``, from a part's start to the file's end, for the ``ByteSource`` of one
/// part of a split parse.
final class SplitFileRange {
    let file: SplitFile
    private(set) var position: Int

    init(file: SplitFile, from start: Int) {
        self.file = file
        position = start
    }

    /// Reads the next bytes into `buffer`; 0 at the file's end (or where it ended when it shrank).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = file.read(at: position, into: buffer.baseAddress!, count: buffer.count)
        position += count
        return count
    }
}
