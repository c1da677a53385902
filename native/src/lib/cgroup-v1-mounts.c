#include "cgroup-v1-mounts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cgroup_mount_t table[CGROUP_MAX_HIER];
static unsigned devs[CGROUP_MAX_HIER];
static int n_table = -1;

bool
cgroup_opts_has (const char *list, const char *tok)
{
  size_t len = strlen (tok);
  for (const char *p = list; p; p = strchr (p, ','), p = p ? p + 1 : NULL)
    if (strncmp (p, tok, len) == 0 && (p[len] == ',' || p[len] == '\0'))
      return true;
  return false;
}

/* How many hierarchies this process is in (/proc/self/cgroup has a line
   for each), so the mountinfo scan can stop once it has seen them all: on
   a node with hundreds of CT mounts, mountinfo is ~100 KB and reading all
   of it cost ~5 ms per start.  */
static int
hierarchy_count (void)
{
  FILE *f = fopen ("/proc/self/cgroup", "re");
  int c, n = 0;

  if (f == NULL)
    return -1;
  while ((c = getc (f)) != EOF)
    n += c == '\n';
  fclose (f);
  return n;
}

int
cgroup_v1_mounts (const cgroup_mount_t **out)
{
  FILE *f;
  char *line = NULL;
  size_t cap = 0;
  int want;

  *out = table;
  if (n_table >= 0)
    return n_table;
  n_table = 0;
  want = hierarchy_count ();
  f = fopen ("/proc/self/mountinfo", "re");
  if (f == NULL)
    return 0;
  while (n_table < CGROUP_MAX_HIER && n_table != want && getline (&line, &cap, f) > 0)
    {
      /* id parent maj:min root mountpoint opts... - fstype source superopts */
      char mnt[256], fstype[32], super[256];
      unsigned maj, min;
      char *dash = strstr (line, " - ");
      if (dash == NULL || sscanf (line, "%*s %*s %u:%u %*s %255s", &maj, &min, mnt) != 3
          || sscanf (dash + 3, "%31s %*s %255s", fstype, super) != 2)
        continue;
      bool unified = strcmp (fstype, "cgroup2") == 0;
      if (!unified && strcmp (fstype, "cgroup") != 0)
        continue;
      /* The same hierarchy mounted twice (a bind mount) counts once.  */
      unsigned dev = maj << 20 | min;
      bool seen = false;
      for (int i = 0; i < n_table; i++)
        seen |= devs[i] == dev;
      if (seen)
        continue;
      devs[n_table] = dev;
      cgroup_mount_t *m = &table[n_table++];
      snprintf (m->mnt, sizeof m->mnt, "%s", mnt);
      snprintf (m->opts, sizeof m->opts, "%s", super);
      m->unified = unified;
    }
  free (line);
  fclose (f);
  return n_table;
}
