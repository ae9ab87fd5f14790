#if canImport(Glibc)
import Glibc
#endif

/// A C library function that Swift's Glibc module does not declare (`malloc_trim` of `<malloc.h>`, `syncfs` of
/// GNU `<unistd.h>`), looked up in the process at run time; `nil` where the C library has no such function.
enum CLibrarySymbol {
    /// `type` must be a `@convention(c)` function type matching the C declaration.
    static func lookup<Function>(_ name: String, as type: Function.Type) -> Function? {
        precondition(MemoryLayout<Function>.size == MemoryLayout<UnsafeRawPointer>.size, "a C function type is one pointer")
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
        #else
        return nil
        #endif
    }
}
