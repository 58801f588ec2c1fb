// libpq, the PostgreSQL project's own client library (Debian: libpq-dev), for the
// PostgreSQL store. Its synchronous API fits the store's synchronous interface, and
// PQsocket gives the app's poll loop a descriptor to wait on for NOTIFY.
#ifndef ROLLCALL_CLIBPQ_SHIM_H
#define ROLLCALL_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
