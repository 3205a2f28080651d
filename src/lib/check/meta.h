/*
 * meta.h (private to the library) - the agency and the year a workbook says it is about.
 */
#ifndef OGI_META_H
#define OGI_META_H

#include "arena.h"
#include "book.h"
#include "text.h"

/* agency is NULL and year 0 when the workbook does not say. */
void ogi_meta_find(const ogi_book *book, const ogi_t2s_map *t2s, ogi_arena *arena,
                   const char **agency, int *year);

#endif /* OGI_META_H */
