/*
 * book.h - private to the library: the in-memory workbook every reader
 * fills and everything after the reader reads. Nothing past the reader
 * knows the file format. book.c depends on the allocator only; opening a
 * file and choosing its reader is open.c's job (readers.h).
 */
#ifndef OGI_BOOK_H
#define OGI_BOOK_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "ogi.h"

typedef enum ogi_cell_kind {
    OGI_CELL_EMPTY = 0,
    OGI_CELL_NUMBER, /* number holds the value */
    OGI_CELL_TEXT,   /* text holds UTF-8 */
    OGI_CELL_BOOL,   /* number is 0 or 1 */
    OGI_CELL_ERROR   /* text holds "#DIV/0!", "#REF!"... */
} ogi_cell_kind;

typedef struct ogi_cell {
    uint32_t row; /* 0-based */
    uint32_t col; /* 0-based */
    uint8_t kind;
    uint8_t is_formula; /* value is the formula's cached result */
    uint8_t is_date;    /* the reader saw a date/time format */
    double number;
    const char *text; /* arena-owned; NULL unless TEXT or ERROR */
    uint32_t text_len;
    const char *formula; /* A1 text of a formula, no '='; arena-owned; NULL
                            when not a formula or not decoded */
} ogi_cell;

/* An inclusive range of merged cells; only its first cell holds a value. */
typedef struct ogi_merge {
    uint32_t first_row, last_row;
    uint32_t first_col, last_col;
} ogi_merge;

/* A sheet's visibility as the file states it (Excel's "very hidden" can
 * only be undone with VBA). */
enum { OGI_SHEET_VISIBLE = 0, OGI_SHEET_HIDDEN = 1, OGI_SHEET_VERY_HIDDEN = 2 };

typedef struct ogi_sheet {
    const char *name; /* UTF-8, arena-owned */
    ogi_cell *cells;  /* sorted by (row, col) once the book is finished */
    size_t ncells, cells_cap;
    ogi_merge *merges;
    size_t nmerges, merges_cap;
    uint32_t *merge_reach; /* finished book: merges sorted by first_row;
                              [i] = the largest last_row of merges[0..i] */
    uint32_t *row_first;   /* finished book, when rows are not too sparse:
                              [r] = index of the first cell of row r or
                              later; nrows + 1 entries (lookups by row
                              then stay within one row's cells) */
    uint32_t nrows, ncols; /* one past the last used row / column */
    uint8_t sorted;
    uint8_t hidden; /* OGI_SHEET_VISIBLE, _HIDDEN or _VERY_HIDDEN */
} ogi_sheet;

struct ogi_book {
    ogi_sheet *sheets;
    size_t nsheets, sheets_cap;
    ogi_arena arena; /* names and texts */
    char sha256[65];
    ogi_limits limits;
    uint64_t total_cells;
    uint64_t deadline_ns; /* CLOCK_MONOTONIC; past it, reading and checking stop */
    uint32_t ticks;       /* cells set: the clock is read every 65,536 */
};

/* The limits with every 0 field replaced by its default. */
ogi_limits ogi_limits_resolve(const ogi_limits *limits);

/* OGI_ERROR_TIME_LIMIT once the book's time (limits.max_seconds from
 * ogi_book_new) is up, else OGI_OK. The readers and ogi_check call it
 * now and then: the limit is kept cooperatively, not by a signal. */
ogi_error ogi_book_check_time(const ogi_book *book);

/* An empty book with the given limits (NULL: defaults). */
ogi_book *ogi_book_new(const ogi_limits *limits);
/* Appends a sheet; NULL when out of memory. Pointers to earlier sheets
 * may move: keep indexes, not pointers, across calls. */
ogi_sheet *ogi_book_add_sheet(ogi_book *book, const char *name, size_t len);
/* Index of the sheet called name, or -1. */
int ogi_book_find_sheet(const ogi_book *book, const char *name);

/* Setting a cell that is already set replaces it (the last value wins). */
ogi_error ogi_sheet_set_number(ogi_book *book, size_t sheet, uint32_t row, uint32_t col,
                               double value, int is_formula);
ogi_error ogi_sheet_set_text(ogi_book *book, size_t sheet, uint32_t row, uint32_t col,
                             const char *utf8, size_t len, int is_formula);
ogi_error ogi_sheet_set_bool(ogi_book *book, size_t sheet, uint32_t row, uint32_t col, int value,
                             int is_formula);
ogi_error ogi_sheet_set_error(ogi_book *book, size_t sheet, uint32_t row, uint32_t col,
                              const char *text, int is_formula);
/* A formula saved without a result (scripts, online forms): an EMPTY
 * cell with is_formula set, so that it is not taken for a blank. */
ogi_error ogi_sheet_set_uncomputed(ogi_book *book, size_t sheet, uint32_t row, uint32_t col);
ogi_error ogi_sheet_add_merge(ogi_book *book, size_t sheet, ogi_merge merge);
/* Gives the last cell set at (row, col) its formula text (copied). */
ogi_error ogi_sheet_set_formula(ogi_book *book, size_t sheet, uint32_t row, uint32_t col,
                                const char *text);
/* Marks the last cell set as a date (readers that know formats call it). */
void ogi_sheet_mark_date(ogi_book *book, size_t sheet, uint32_t row, uint32_t col);

/* Frees what a sheet owns (its cells, merges and merge index); the sheet
 * itself belongs to the book's array. */
void ogi_sheet_release(ogi_sheet *sheet);

/* Sorts cells and drops replaced duplicates; call once after reading. */
void ogi_book_finish(ogi_book *book);

/* Lookup in a finished book; NULL for an empty cell (an uncomputed
 * formula is an OGI_CELL_EMPTY cell with is_formula set). */
const ogi_cell *ogi_sheet_cell(const ogi_sheet *sheet, uint32_t row, uint32_t col);
/* The merge covering (row, col), or NULL. */
const ogi_merge *ogi_sheet_merge_at(const ogi_sheet *sheet, uint32_t row, uint32_t col);
/* Index of the first cell with cell.row >= row (cells of a row are
 * contiguous in a finished book). */
size_t ogi_sheet_row_start(const ogi_sheet *sheet, uint32_t row);

/* The grid of Excel 2007+ and LibreOffice: the zip-based readers refuse a
 * cell beyond it (OGI_ERROR_SHEET_BOUNDS), and at most so many merged
 * ranges per sheet, since lookups walk them. */
#define OGI_MAX_ROWS 1048576u
#define OGI_MAX_COLS 16384u
#define OGI_MAX_MERGES 20000u

#endif /* OGI_BOOK_H */
