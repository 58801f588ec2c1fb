// Cairo draws the pages, Pango shapes the text (any script: Zoë, Ayşe, 李小龙, Arabic).
// cairo-pdf.h is not pulled in by pangocairo.h, and without it the PDF surface is undeclared.
#ifndef ROLLCALL_CCAIRO_SHIM_H
#define ROLLCALL_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

static inline int rollcall_pango_scale(void) { return PANGO_SCALE; }
#endif
