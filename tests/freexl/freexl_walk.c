/*
 * freexl_walk.c - `freexl_walk FILE`: asks freexl for everything the
 * comparison (compare.c) asks it for, and nothing else; exits 0 when freexl
 * got through. The fuzz target runs it before each comparison, in a process
 * of its own built without sanitizers: freexl 1.0.6 corrupts its heap on
 * some damaged files (a bad free inside freexl_open), which is freexl's
 * bug, not a finding about ogi.
 */
#include <freexl.h>
#include <stddef.h>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    const void *h = NULL;
    if (freexl_open(argv[1], &h) == FREEXL_OK && h) {
        unsigned count = 0;
        if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
            count = 0;
        for (unsigned i = 0; i < count; i++) {
            const char *name = NULL;
            unsigned rows = 0;
            unsigned short cols = 0;
            if (freexl_get_worksheet_name(h, (unsigned short)i, &name) != FREEXL_OK ||
                freexl_select_active_worksheet(h, (unsigned short)i) != FREEXL_OK ||
                freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK)
                continue;
            for (unsigned r = 0; r < rows; r++)
                for (unsigned c = 0; c < cols; c++) {
                    FreeXL_CellValue v;
                    freexl_get_cell_value(h, r, (unsigned short)c, &v);
                }
        }
    }
    if (h)
        freexl_close(h);
    return 0;
}
