// OpenSSL's libcrypto, used only for SHA-256 fingerprints of inputs and outputs (SHA-NI where the CPU has it).
#include <openssl/evp.h>
