/*
 * overview.c - each agency's status for a report year: the roster's
 * agencies in its order, then the submitters it does not list, each with
 * its tries, the time of the last and the verdict of the latest (which is
 * what the office acts on: a corrected report replaces a failing one).
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "messages.h"
#include "office.h"
#include "roster.h"

typedef struct builder {
    const ogi_context *ctx;
    const ogi_roster *roster;
    ogi_overview *ov;
    ogi_arena *arena;
    int year, latest_year;
    GHashTable *unlisted_index; /* key -> index + 1 into unlisted */
    size_t unlisted_cap;
    ogi_error err;
} builder;

static ogi_agency_status status_of(const ogi_submission *sub)
{
    if (sub->verdict != OGI_VERDICT_PASS)
        return OGI_AGENCY_FAIL;
    return sub->counts[OGI_SEVERITY_WARNING] ? OGI_AGENCY_PASS_WARNINGS : OGI_AGENCY_PASS;
}

/* The unlisted agency sub belongs to, made on first sight. */
static ogi_agency *unlisted_for(builder *b, const ogi_submission *sub, const char *submitter_key)
{
    /* by the name read; without one, by the folder it came from */
    const char *key = sub->agency_key[0] ? sub->agency_key : NULL;
    char *folder_key = key ? NULL : g_strconcat("folder:", submitter_key, NULL);
    if (!key)
        key = folder_key;
    size_t at = GPOINTER_TO_SIZE(g_hash_table_lookup(b->unlisted_index, key));
    ogi_overview *ov = b->ov;
    if (!at) {
        /* on the heap, not in the arena: an arena keeps every outgrown copy */
        ogi_error err = OGI_OK;
        ogi_agency *grown =
            OGI_ARRAY_RESERVE(ov->unlisted, &b->unlisted_cap, ov->nunlisted + 1, 0, &err);
        if (!grown) {
            g_free(folder_key);
            return NULL;
        }
        ov->unlisted = grown;
        ogi_agency *a = &ov->unlisted[ov->nunlisted++];
        memset(a, 0, sizeof *a);
        const char *name = sub->agency[0]      ? sub->agency
                           : sub->submitter[0] ? sub->submitter
                                               : sub->name;
        a->name = ogi_arena_strdup(b->arena, name);
        a->folder = ogi_arena_strdup(b->arena, sub->submitter);
        a->group = "";
        a->passing_template = "";
        char *stored = ogi_arena_strdup(b->arena, key);
        if (!a->name || !a->folder || !stored) {
            g_free(folder_key);
            return NULL;
        }
        g_hash_table_insert(b->unlisted_index, stored, GSIZE_TO_POINTER(ov->nunlisted));
        at = ov->nunlisted;
    }
    g_free(folder_key);
    return &ov->unlisted[at - 1];
}

/* The agency's string for its latest submission: written over the one of
 * its previous try when that is long enough (strings this file made are
 * never shared, and the first is the literal ""), so that ten tries of an
 * agency do not keep ten copies in the arena, which never frees: memory
 * follows the agencies, not the files. */
static const char *keep_string(ogi_arena *arena, const char *current, const char *s)
{
    size_t n = strlen(s);
    if (current && current[0] && strlen(current) >= n) {
        memcpy((char *)current, s, n + 1);
        return current;
    }
    return ogi_arena_strdup(arena, s);
}

static int take(void *data, const ogi_submission *sub)
{
    builder *b = data;
    /* a refused file has no year: it belongs to the campaign under way */
    if (sub->year != b->year && !(sub->year == 0 && b->year == b->latest_year))
        return 0;
    char submitter_key[1024];
    ogi_agency_key(b->ctx, sub->submitter, submitter_key, sizeof submitter_key);
    const ogi_roster_entry *e = ogi_roster_match(b->roster, sub->agency_key, submitter_key);
    ogi_agency *a =
        e ? &b->ov->agencies[e - b->roster->entries] : unlisted_for(b, sub, submitter_key);
    if (!a) {
        b->err = OGI_ERROR_MEMORY;
        return 1;
    }
    a->submissions++;
    a->last = sub->time > a->last ? sub->time : a->last;
    a->latest_id = sub->id;
    a->status = status_of(sub);
    memcpy(a->counts, sub->counts, sizeof a->counts);
    a->outputs = keep_string(b->arena, a->outputs, sub->outputs);
    a->json = keep_string(b->arena, a->json, sub->json);
    a->template_id = keep_string(b->arena, a->template_id, sub->template_id);
    if (sub->verdict == OGI_VERDICT_PASS) {
        a->passing_id = sub->id;
        if (a->template_id && strcmp(a->passing_template, a->template_id) != 0)
            a->passing_template = ogi_arena_strdup(b->arena, a->template_id);
    }
    if (!a->outputs || !a->json || !a->template_id || !a->passing_template) {
        b->err = OGI_ERROR_MEMORY;
        return 1;
    }
    return 0;
}

ogi_error ogi_overview_build(const ogi_context *ctx, ogi_register *reg, const char *box, int year,
                             ogi_overview **out)
{
    *out = NULL;
    ogi_overview *ov = calloc(1, sizeof *ov);
    ogi_arena *arena = calloc(1, sizeof *arena);
    if (!ov || !arena) {
        free(ov);
        free(arena);
        return OGI_ERROR_MEMORY;
    }
    ogi_arena_init(arena);
    ov->arena = arena;
    ogi_roster roster;
    ogi_error err = ogi_roster_load(ctx, box, arena, &roster);
    int latest = 0;
    if (err == OGI_OK && reg)
        err = ogi_register_latest_year(reg, &latest);
    if (err == OGI_OK) {
        ov->year = year ? year : latest;
        ov->has_roster = roster.path != NULL;
        ov->agencies = ogi_arena_alloc(arena, (roster.n ? roster.n : 1) * sizeof *ov->agencies);
        if (!ov->agencies)
            err = OGI_ERROR_MEMORY;
    }
    for (size_t i = 0; err == OGI_OK && i < roster.n; i++) {
        ogi_agency *a = &ov->agencies[i];
        a->name = roster.entries[i].name;
        a->folder = roster.entries[i].folder;
        a->group = roster.entries[i].group;
        a->outputs = a->json = a->template_id = a->passing_template = "";
        a->status = OGI_AGENCY_MISSING;
    }
    ov->nagencies = err == OGI_OK ? roster.n : 0;
    if (err == OGI_OK && reg) {
        builder b = {.ctx = ctx,
                     .roster = &roster,
                     .ov = ov,
                     .arena = arena,
                     .year = ov->year,
                     .latest_year = latest,
                     .unlisted_index = g_hash_table_new(g_str_hash, g_str_equal)};
        err = ogi_register_each(reg, 0, take, &b);
        if (err == OGI_OK)
            err = b.err;
        g_hash_table_destroy(b.unlisted_index);
    }
    if (err != OGI_OK) {
        ogi_overview_free(ov);
        return err;
    }
    /* the roster's agencies; without a roster, every submitter */
    for (size_t i = 0; i < ov->nagencies; i++)
        ov->by_status[ov->agencies[i].status]++;
    for (size_t i = 0; !ov->has_roster && i < ov->nunlisted; i++)
        ov->by_status[ov->unlisted[i].status]++;
    *out = ov;
    return OGI_OK;
}

void ogi_overview_free(ogi_overview *ov)
{
    if (!ov)
        return;
    if (ov->arena) {
        ogi_arena_release(ov->arena);
        free(ov->arena);
    }
    free(ov->unlisted);
    free(ov);
}

const char *ogi_agency_status_name(ogi_agency_status s)
{
    static const char *const names[] = {"missing", "fail", "pass_warnings", "pass"};
    return (unsigned)s < 4 ? names[s] : "missing";
}

const char *ogi_agency_status_text(ogi_agency_status s, ogi_lang lang)
{
    return ogi_message((ogi_msg)(OGI_MSG_AGENCY_MISSING + ((unsigned)s < 4 ? s : 0)), lang);
}
