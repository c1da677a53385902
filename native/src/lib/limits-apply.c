#include "ct-limits.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "cgroup.h"
#include "storage.h"

int
limits_apply (const node_config_t *node, const ct_config_t *ct, const cgroup_t *cg, ct_limits_t *l,
              corral_error_t *err)
{
  char root[400], priv[400];
  struct stat r, p;

  if (l->mask & LIM_IOLIMIT)
    {
      storage_root_path (node, ct->ctid, root, sizeof root);
      storage_private_path (node, ct->ctid, priv, sizeof priv);
      /* Throttle only a device that is the CT's alone: the loop device
         under its image.  The dir layout shares the host's disk (and may
         sit on an overlay with no real device), so it has no iolimit.  */
      if (stat (root, &r) == 0 && stat (priv, &p) == 0 && r.st_dev != p.st_dev && major (r.st_dev) != 0)
        {
          l->has_dev = true;
          l->dev_major = major (r.st_dev);
          l->dev_minor = minor (r.st_dev);
        }
    }
  if (cg->ops->set_limits == NULL)
    return corral_error (err, EXIT_UNSUPPORTED, 0, "set limits: the %s back-end has none", cg->ops->name);
  return cg->ops->set_limits (cg, l, err);
}
