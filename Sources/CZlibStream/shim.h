#include <zlib.h>

// zlib's inflateInit2 is a macro; Swift cannot call it directly.
static inline int czlib_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);  // 15-bit window, +32: detect gzip or zlib header
}
static inline int czlib_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -15);  // negative: raw deflate, no header (a ZIP entry's data)
}
static inline int czlib_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // +16: write a gzip header
}
