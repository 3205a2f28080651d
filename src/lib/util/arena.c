/*
 * arena.c - bump allocation in chunks.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK_MIN 16384u

struct ogi_arena_chunk {
    ogi_arena_chunk *next;
    size_t size;
    size_t used;
    _Alignas(16) unsigned char data[];
};

void ogi_arena_init(ogi_arena *arena)
{
    arena->head = NULL;
    arena->used_total = 0;
}

void ogi_arena_release(ogi_arena *arena)
{
    ogi_arena_chunk *chunk = arena->head;
    while (chunk) {
        ogi_arena_chunk *next = chunk->next;
        free(chunk);
        chunk = next;
    }
    arena->head = NULL;
    arena->used_total = 0;
}

void *ogi_arena_alloc(ogi_arena *arena, size_t size)
{
    size_t need = (size + 15u) & ~(size_t)15u;
    if (need < size)
        return NULL;
    ogi_arena_chunk *chunk = arena->head;
    if (!chunk || chunk->size - chunk->used < need) {
        size_t cap = need > ARENA_CHUNK_MIN ? need : ARENA_CHUNK_MIN;
        if (chunk && chunk->size * 2 > cap && chunk->size < (1u << 24))
            cap = chunk->size * 2;
        if (cap > SIZE_MAX - sizeof *chunk)
            return NULL;
        chunk = malloc(sizeof *chunk + cap);
        if (!chunk)
            return NULL;
        chunk->size = cap;
        chunk->used = 0;
        chunk->next = arena->head;
        arena->head = chunk;
    }
    void *p = chunk->data + chunk->used;
    chunk->used += need;
    arena->used_total += need;
    memset(p, 0, size);
    return p;
}

char *ogi_arena_strndup(ogi_arena *arena, const char *s, size_t len)
{
    char *p = ogi_arena_alloc(arena, len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *ogi_arena_strdup(ogi_arena *arena, const char *s)
{
    return ogi_arena_strndup(arena, s, strlen(s));
}

char *ogi_arena_printf(ogi_arena *arena, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = ogi_arena_alloc(arena, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
