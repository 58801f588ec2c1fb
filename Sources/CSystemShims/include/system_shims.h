#ifndef ROLLCALL_SYSTEM_SHIMS_H
#define ROLLCALL_SYSTEM_SHIMS_H

/* flock(2): Swift's Glibc module imports only the struct of the same name. */
int rollcall_flock(int fd, int operation);

/* syncfs(2): GNU-only, so not in Swift's Glibc module without _GNU_SOURCE. */
int rollcall_syncfs(int fd);

#endif
