import Foundation

/// Gives back the pages of a ``MappedFile`` that its split parse no longer needs: a part's pages once that part
/// has read past them and the hashing thread has hashed them, so the resident set of a mapped file stays a few
/// steps per thread instead of the whole file.
final class PageRelease: @unchecked Sendable {
    /// How far a reader goes between reports (and the least given back at once).
    static let step = 8 << 20

    private struct Part {
        var range: Range<Int>
        var read: Int
        var released: Int
    }

    private let file: MappedFile
    private let lock = NSLock()
    private var hashed = 0
    private var parts: [Part]

    /// `starts` are the parts' first offsets, in order; the last part runs to the file's end.
    init(file: MappedFile, starts: [Int]) {
        self.file = file
        parts = starts.indices.map { index in
            let range = starts[index]..<(index + 1 < starts.count ? starts[index + 1] : file.size)
            return Part(range: range, read: range.lowerBound, released: range.lowerBound)
        }
    }

    /// Part `index` has read up to `offset`.
    func read(part index: Int, upTo offset: Int) {
        lock.lock()
        defer { lock.unlock() }
        parts[index].read = max(parts[index].read, offset)
        release(index)
    }

    /// The hashing thread has hashed up to `offset`.
    func hashed(upTo offset: Int) {
        lock.lock()
        defer { lock.unlock() }
        hashed = offset
        for index in parts.indices where parts[index].range.lowerBound < offset { release(index) }
    }

    private func release(_ index: Int) {
        let part = parts[index]
        let limit = min(part.read, part.range.upperBound, hashed)
        guard limit - part.released >= Self.step || (limit == part.range.upperBound && limit > part.released) else { return }
        file.release(part.released..<limit)
        // The page holding `limit` was kept (only whole pages go): the next release starts with it.
        parts[index].released = max(part.range.lowerBound, limit / MappedFile.pageSize * MappedFile.pageSize)
    }
}
