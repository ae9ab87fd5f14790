/// Keeps the resident size near what the run holds. glibc's allocator keeps freed pages in each thread's arena
/// for later use, so a run's resident size stays at the high-water mark of every phase before it even when the
/// next phase needs less. Both calls are looked up at run time (they are in glibc's `<malloc.h>`, which Swift's
/// Glibc module does not import): no-ops where the C library has no such call.
enum FreeMemory {
    private typealias Trim = @convention(c) (Int) -> Int32
    private typealias Option = @convention(c) (Int32, Int32) -> Int32

    private static let trim = CLibrarySymbol.lookup("malloc_trim", as: Trim.self)
    private static let option = CLibrarySymbol.lookup("mallopt", as: Option.self)

    /// `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` of `<malloc.h>`.
    private static let trimThresholdOption: Int32 = -1
    private static let mmapThresholdOption: Int32 = -3

    /// Blocks of 256 KiB and more get their own mapping, given back when freed, and a heap top of more than 1 MiB
    /// free is given back. glibc's default (128 KiB, raised to the size of every large block freed, up to 32 MiB,
    /// and the trim threshold with it) kept the pages and the streams' megabyte buffers of the render in the
    /// heaps: the 50,000-function × 31-day month following up the month before peaked at 253–279 MiB resident
    /// with the default and 245–255 MiB with these, in alternating runs of the same binary (2026-12-07), and
    /// the 5,000-function report at 100–104 MiB against 92 MiB, in the same time. Set once, before the first
    /// stage (the settings are the process's).
    static let bounded: Void = {
        _ = option?(mmapThresholdOption, 256 << 10)
        _ = option?(trimThresholdOption, 1 << 20)
    }()

    /// Hands the memory freed by a finished phase back to the system: called after the commitment stage (its
    /// parts ran on worker threads) and after the ranking (the scenarios' and commitments' working sets are gone,
    /// the render has not started). On the 50,000-function × 31-day month the resident size through the render
    /// stayed about 36 MiB higher without it (peak 283 → 251 MiB, by hand, 2026-12-06); a call after the function
    /// pages as well made no measurable difference, nor did one every 4 or 16 batches of function pages.
    /// `malloc_trim(0)` returns the free pages of every arena.
    static func returnToSystem() {
        _ = trim?(0)
    }
}
