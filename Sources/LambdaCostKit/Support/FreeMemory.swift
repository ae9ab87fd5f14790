/// Hands the memory freed by a finished phase back to the system. glibc's allocator keeps freed pages in each
/// thread's arena for later use, so a run's resident size stays at the high-water mark of every phase before it
/// even when the next phase needs less. Called after the commitment stage (its parts ran on worker threads) and
/// after the ranking (the scenarios' and commitments' working sets are gone, the render has not started): on the 50,000-function × 31-day month the resident size through
/// the render stayed about 36 MiB higher without it (peak 283 → 251 MiB, by hand, 2026-12-06); a call after the
/// function pages as well made no measurable difference. `malloc_trim(0)` returns the free pages of every arena. Looked up at run time (it is in glibc's `<malloc.h>`,
/// which Swift's Glibc module does not import): a no-op where the C library has no such call.
enum FreeMemory {
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim = CLibrarySymbol.lookup("malloc_trim", as: Trim.self)

    static func returnToSystem() {
        _ = trim?(0)
    }
}
