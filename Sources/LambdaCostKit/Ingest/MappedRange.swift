/// A reading position in a ``MappedFile``, from a part's start to the file's end, for the ``ByteSource`` of one
/// part of a split parse. Every ``step`` bytes it gives back the pages it has read (a later read of them, by the
/// hashing thread or a part read again, maps them again from the page cache), so the resident set stays a step per
/// reader instead of growing to the file's size.
final class MappedRange {
    /// How far a reader goes between giving back the pages behind it.
    static let step = 2 << 20

    let file: MappedFile
    private(set) var position: Int
    private var released: Int

    init(file: MappedFile, from start: Int) {
        self.file = file
        position = start
        released = start
    }

    /// Copies the next bytes into `buffer`; 0 at the file's end.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, file.size - position)
        guard count > 0 else { return 0 }
        buffer.baseAddress!.copyMemory(from: file.bytes + position, byteCount: count)
        position += count
        if position - released >= Self.step || position == file.size { released = file.release(released..<position) }
        return count
    }
}
