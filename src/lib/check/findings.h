/*
 * findings.h (private to the library) - collecting a report's findings while checking.
 */
#ifndef OGI_FINDINGS_H
#define OGI_FINDINGS_H

#include "arena.h"
#include "ogi.h"
#include "template.h"

typedef struct ogi_findings {
    ogi_finding *v;
    size_t n, cap;
    ogi_arena *arena; /* the report's: texts live as long as it */
    ogi_lang lang;
} ogi_findings;

/* An empty report (file copied, "" when NULL) in its own arena, freed
 * with ogi_report_free; NULL when out of memory. For the library's own
 * reports: ogi_check's, and the office's roll-up (summary.c). */
ogi_report *ogi_report_new(const char *file, ogi_lang lang);
/* The arena every part of r is allocated in: what is put in a report
 * lives as long as it. */
ogi_arena *ogi_report_arena(ogi_report *r);

/* Appends a finding (copied); NULL when out of memory. The strings it
 * points to must live in the report's arena or be static. */
ogi_finding *ogi_findings_add(ogi_findings *f, ogi_severity severity, const char *rule,
                              const char *key, const char *table);
/* Sets the finding's cells from template cell indexes. */
int ogi_finding_set_cells(ogi_findings *f, ogi_finding *x, const ogi_template *t,
                          const size_t *cells, size_t n);
void ogi_findings_release(ogi_findings *f);

/* "39", "181.7098": numbers as a clerk writes them. */
void ogi_format_number(double v, char *buf, size_t size);

#endif /* OGI_FINDINGS_H */
