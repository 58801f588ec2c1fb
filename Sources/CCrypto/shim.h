// OpenSSL's libcrypto (Debian's libssl-dev), for SHA-256 only: the journal's and the audit
// archive's hash chain. A system library, like ncurses, Cairo and libpq: seconds to link,
// not the minutes of building BoringSSL from source.
#ifndef ROLLCALL_CCRYPTO_SHIM_H
#define ROLLCALL_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
