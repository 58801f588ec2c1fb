// The wide-character ncurses API, which needs NCURSES_WIDECHAR before the header, and the
// few macros Swift cannot import, as functions.
#ifndef ROLLCALL_CNCURSESW_SHIM_H
#define ROLLCALL_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

int wcwidth(wchar_t c);

static inline int rollcall_attr_bold(void) { return (int)A_BOLD; }
static inline int rollcall_attr_reverse(void) { return (int)A_REVERSE; }
static inline int rollcall_attr_dim(void) { return (int)A_DIM; }
static inline int rollcall_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int rollcall_color_pair(int n) { return (int)COLOR_PAIR(n); }
#endif
