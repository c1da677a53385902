"use client";
import { ErrorMessage } from "@/components/ui/error-message";

export default function TemplatesError({ reset }: { error: Error; reset: () => void }) {
  return <ErrorMessage title="Templates could not be shown." text="Something went wrong while asking the nodes for their templates. Try again; if it keeps happening, check the nodes' agents." onRetry={reset} />;
}
