"use client";
// Import a rootfs tarball from this computer: checked here first (name, size),
// then sent as the raw request body to ./upload with an upload progress bar
// (XMLHttpRequest: fetch reports no upload progress), then checked by
// corralctl on the node, whose refusal comes back as a sentence.
import { Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { ActionError } from "@/components/ui/action-error";
import { formatBytes } from "@/components/ui/format-bytes";
import { ProgressBar } from "@/components/ui/progress-bar";

type ErrorLike = { code: string; message: string; detail?: string; fields?: { path: string; message: string }[] };
type Phase = { kind: "idle" } | { kind: "uploading"; pct: number } | { kind: "checking" } | { kind: "done"; name: string };

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const inputCls = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

// A name from the file: "alpine-3.20.tar.gz" -> "alpine-3.20".
function nameFromFile(file: string) {
  return file
    .replace(/\.(tar(\.(gz|xz|zst|bz2))?|tgz|txz)$/i, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 64);
}

export function ImportTemplateForm({ nodes, maxBytes }: { nodes: { id: string; name: string; templates: string[] }[]; maxBytes: number }) {
  const router = useRouter();
  const ids = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [nodeId, setNodeId] = useState(nodes[0]?.id ?? "");
  const [name, setName] = useState("");
  const [replace, setReplace] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [error, setError] = useState<ErrorLike>();
  const busy = phase.kind === "uploading" || phase.kind === "checking";
  const exists = nodes.find((n) => n.id === nodeId)?.templates.includes(name) ?? false;

  const submit = () => {
    setError(undefined);
    const file = fileRef.current?.files?.[0];
    if (!file) return setError({ code: "bad_request", message: "Choose a rootfs tarball to upload." });
    if (!NAME.test(name))
      return setError({ code: "bad_request", message: `The template name \`${name}\` is not valid. Use 1 to 64 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit.` });
    if (file.size === 0) return setError({ code: "bad_request", message: "The file is empty. Choose a .tar, .tar.gz, .tar.xz or .tar.zst of a root filesystem." });
    if (file.size > maxBytes) return setError({ code: "payload_too_large", message: `The file is ${formatBytes(file.size)}; the largest upload is ${formatBytes(maxBytes)}.` });
    const q = new URLSearchParams({ node: nodeId, name, ...(replace ? { replace: "1" } : {}) });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/templates/upload?${q}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (e) => e.lengthComputable && setPhase({ kind: "uploading", pct: (e.loaded / e.total) * 100 });
    // The bytes are all sent; corralctl now checks every member on the node.
    xhr.upload.onload = () => setPhase({ kind: "checking" });
    xhr.onload = () => {
      let body: { template?: { name: string }; error?: ErrorLike } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // Not our JSON (a proxy's error page): the generic sentence below.
      }
      if (xhr.status === 200 && body.template) {
        setPhase({ kind: "done", name: body.template.name });
        if (fileRef.current) fileRef.current.value = "";
        router.refresh();
      } else {
        setPhase({ kind: "idle" });
        setError(body.error ?? { code: "internal", message: `The upload failed (HTTP ${xhr.status}). Try again.` });
      }
    };
    xhr.onerror = () => {
      setPhase({ kind: "idle" });
      setError({ code: "unavailable", message: "The upload was cut off. Check your connection and try again." });
    };
    setPhase({ kind: "uploading", pct: 0 });
    xhr.send(file);
  };

  return (
    <section aria-labelledby={`${ids}-h`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id={`${ids}-h`} className="flex items-center gap-2 text-lg font-medium">
        <Upload aria-hidden className="size-5" /> Import a rootfs tarball
      </h2>
      <form
        aria-label="Import a template"
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset disabled={busy} className="space-y-3">
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Node</span>
            <select value={nodeId} onChange={(e) => setNodeId(e.target.value)} className={inputCls}>
              {nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Tarball</span>
            <input
              ref={fileRef}
              type="file"
              accept=".tar,.tar.gz,.tgz,.tar.xz,.txz,.tar.zst,application/x-tar,application/gzip,application/x-xz,application/zstd"
              className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1 dark:file:border-slate-700 dark:file:bg-slate-800 dark:file:text-slate-100"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f && !name) setName(nameFromFile(f.name));
              }}
            />
            <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">.tar, .tar.gz, .tar.xz or .tar.zst of a root filesystem, up to {formatBytes(maxBytes)}.</span>
          </label>
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Template name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} className={`${inputCls} font-mono`} placeholder="alpine-3.20" maxLength={64} autoComplete="off" spellCheck={false} />
          </label>
          {exists && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
              Replace the existing template {name}
            </label>
          )}
          <button type="submit" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60">
            {busy ? "Importing…" : "Upload and import"}
          </button>
        </fieldset>
      </form>
      {phase.kind === "uploading" && (
        <div className="space-y-1">
          <ProgressBar value={phase.pct} label="Uploading" />
          <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
            Uploading… {Math.floor(phase.pct)}%
          </p>
        </div>
      )}
      {phase.kind === "checking" && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          Uploaded. The node is checking every file in the archive…
        </p>
      )}
      {phase.kind === "done" && (
        <p role="status" className="text-sm text-green-700 dark:text-green-400">
          Template {phase.name} is imported.
        </p>
      )}
      <ActionError error={error} />
    </section>
  );
}
