/// A reading position in a ``MappedFile``, from a part's start to the file's end, for the ``ByteSource`` of one
/// part of a split parse. It reports how far it has read (``PageRelease``), so that pages read and hashed can be
/// given back.
final class MappedRange {
    let file: MappedFile
    private(set) var position: Int
    /// Called with the position every ``PageRelease/step`` bytes and at the end of the file.
    var onProgress: (Int) -> Void
    private var reported: Int

    init(file: MappedFile, from start: Int, onProgress: @escaping (Int) -> Void = { _ in }) {
        self.file = file
        position = start
        reported = start
        self.onProgress = onProgress
    }

    /// Copies the next bytes into `buffer`; 0 at the file's end.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, file.size - position)
        guard count > 0 else { return 0 }
        buffer.baseAddress!.copyMemory(from: file.bytes + position, byteCount: count)
        position += count
        if position - reported >= PageRelease.step || position == file.size {
            reported = position
            onProgress(position)
        }
        return count
    }
}
