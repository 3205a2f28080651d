/*
 * batch.h (private to the library) - the library side of ogi_batch (ogi.h): writers hand over
 * their finished temporary files.
 */
#ifndef OGI_BATCH_H
#define OGI_BATCH_H

#include "ogi.h"

/* Takes tmp (malloc'd, a complete file beside path); on failure removes
 * and frees it. */
ogi_error ogi_batch_add(ogi_batch *batch, char *tmp, const char *path);

#endif /* OGI_BATCH_H */
