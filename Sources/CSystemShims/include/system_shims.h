#ifndef ROLLCALL_SYSTEM_SHIMS_H
#define ROLLCALL_SYSTEM_SHIMS_H

/* flock(2): Swift's Glibc module imports only the struct of the same name. */
int rollcall_flock(int fd, int operation);

#endif
