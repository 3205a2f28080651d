/*
 * arena.h (private to the library) - a bump allocator: everything a book or a report holds lives in
 * one arena and is freed with it, so each object has one owner.
 */
#ifndef OGI_ARENA_H
#define OGI_ARENA_H

#include <stddef.h>

typedef struct ogi_arena_chunk ogi_arena_chunk;

typedef struct ogi_arena {
    ogi_arena_chunk *head;
    size_t used_total;
} ogi_arena;

void ogi_arena_init(ogi_arena *arena);
void ogi_arena_release(ogi_arena *arena);
/* 16-byte aligned, zeroed memory; NULL when out of memory. */
void *ogi_arena_alloc(ogi_arena *arena, size_t size);
char *ogi_arena_strndup(ogi_arena *arena, const char *s, size_t len);
char *ogi_arena_strdup(ogi_arena *arena, const char *s);
/* printf into the arena. */
char *ogi_arena_printf(ogi_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* OGI_ARENA_H */
