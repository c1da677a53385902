"use client";
// Copies a value (the CT's address) with one click; the icon turns into a
// check and a status message says so for screen readers.
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { IconButton } from "@/components/ui/icon-button";

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <IconButton
        label={label}
        icon={copied ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
        className="size-6!"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          } catch {
            // No clipboard (plain http or denied): the address stays selectable text.
          }
        }}
      />
      <span role="status" className="sr-only">
        {copied ? "Copied." : ""}
      </span>
    </>
  );
}
