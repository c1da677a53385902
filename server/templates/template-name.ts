// What a template name and an upload may be, checked in the panel before any
// byte goes to a node (corralctl checks the name again: ^[a-z0-9][a-z0-9._-]{0,63}$).
import { z } from "zod";

export const TemplateName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "use 1 to 64 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit");

/** Largest rootfs tarball the panel accepts from a browser (a Debian minbase is about 60 MiB). */
export const TEMPLATE_UPLOAD_MAX_BYTES = 2 * 1024 ** 3;

/** Templates corralctl can build by itself. */
export const BUILDABLE_TEMPLATES = ["busybox", "debian-12"] as const;
