#include "system_shims.h"
#include <sys/file.h>

int rollcall_flock(int fd, int operation) { return flock(fd, operation); }
