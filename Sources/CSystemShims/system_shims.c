#define _GNU_SOURCE
#include "system_shims.h"
#include <sys/file.h>
#include <unistd.h>

int rollcall_flock(int fd, int operation) { return flock(fd, operation); }

int rollcall_syncfs(int fd) { return syncfs(fd); }
