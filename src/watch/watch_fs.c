/*
 * watch_fs.c - which filesystems inotify can be trusted on.
 *
 * inotify reports what this machine's kernel does to a folder. On a
 * network filesystem (NFS, SMB/CIFS...) or a user-space one (FUSE: sshfs,
 * rclone, GVFS), files written by other machines arrive without any
 * event, so the service must poll there. A filesystem not in the table
 * is polled too: polling an unknown local disk costs a little latency,
 * trusting an unknown network one would silently do nothing.
 */
#include <stdio.h>
#include <sys/vfs.h>

#include "common.h"
#include "watch.h"

typedef struct fs_kind {
    unsigned long magic;
    const char *name;
    int poll;
} fs_kind;

/* statfs f_type values (linux/magic.h and the filesystems' sources). */
static const fs_kind fs_kinds[] = {
    /* local: every write passes through this kernel */
    {0xEF53, "ext2/ext3/ext4", 0},
    {0x58465342, "xfs", 0},
    {0x9123683E, "btrfs", 0},
    {0x01021994, "tmpfs", 0},
    {0x858458f6, "ramfs", 0},
    {0x794c7630, "overlayfs", 0},
    {0x2fc12fc1, "zfs", 0},
    {0xF2F52010, "f2fs", 0},
    {0x3153464a, "jfs", 0},
    {0x52654973, "reiserfs", 0},
    {0xca451a4e, "bcachefs", 0},
    {0x3434, "nilfs2", 0},
    {0x4d44, "vfat", 0},
    {0x2011BAB0, "exfat", 0},
    {0x5346544e, "ntfs", 0},
    {0xf15f, "ecryptfs", 0},
    /* network: other machines write without this kernel knowing */
    {0x6969, "nfs", 1},
    {0x517B, "smb", 1},
    {0xFF534D42, "cifs", 1},
    {0xFE534D42, "smb2", 1},
    {0x564c, "ncp", 1},
    {0x5346414F, "afs", 1},
    {0x6B414653, "afs", 1},
    {0x73757245, "coda", 1},
    {0x00c36400, "ceph", 1},
    {0x01021997, "9p", 1},
    {0x7461636f, "ocfs2", 1},
    {0x01161970, "gfs2", 1},
    {0x0BD00BD0, "lustre", 1},
    {0x47504653, "gpfs", 1},
    {0x13661366, "orangefs", 1},
    {0x786f4256, "vboxsf", 1},
    {0x7C7C6673, "prl_fs", 1},
    /* user space: sshfs, rclone, GVFS, virtiofs, sync clients' mounts */
    {0x65735546, "fuse", 1},
};

static const fs_kind *fs_find(unsigned long magic)
{
    for (size_t i = 0; i < OGI_ARRAY_LEN(fs_kinds); i++)
        if (fs_kinds[i].magic == (magic & 0xffffffffUL))
            return &fs_kinds[i];
    return NULL;
}

const char *watch_fs_name(unsigned long magic, char *buf, size_t size)
{
    const fs_kind *k = fs_find(magic);
    if (k)
        return k->name;
    snprintf(buf, size, "0x%lx", magic & 0xffffffffUL);
    return buf;
}

int watch_fs_wants_poll(unsigned long magic)
{
    const fs_kind *k = fs_find(magic);
    return k ? k->poll : 1;
}

int watch_fs_type(const char *path, unsigned long *magic)
{
    struct statfs sf;
    if (statfs(path, &sf) != 0)
        return -1;
    *magic = (unsigned long)sf.f_type;
    return 0;
}
