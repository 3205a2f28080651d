/* placeholder: being replaced by the marked-up workbook writer */
#include "ogi.h"
ogi_error ogi_write_xlsx(const ogi_report *report, const ogi_book *book,
                         const char *path, const ogi_write_options *opts)
{
    (void)report; (void)book; (void)path; (void)opts;
    return OGI_ERROR_WRITE;
}
