// FormData to a plain object for zod: empty fields are left out (so optional
// fields stay unset), and the listed fields become numbers or booleans.
export function formValues(form: FormData, opts: { numbers?: string[]; gib?: string[]; booleans?: string[]; nullIfEmpty?: string[] } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) {
    if (k.startsWith("$ACTION") || typeof v !== "string") continue;
    const s = v.trim();
    if (s === "") {
      if (opts.nullIfEmpty?.includes(k)) out[k] = null;
      continue;
    }
    if (opts.gib?.includes(k)) out[k] = Math.round(Number(s) * 2 ** 30);
    else if (opts.numbers?.includes(k)) out[k] = Number(s);
    else if (opts.booleans?.includes(k)) out[k] = s === "on" || s === "true";
    else out[k] = s;
  }
  return out;
}
