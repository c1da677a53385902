"use client";
import { ErrorMessage } from "@/components/ui/error-message";

export default function NodeError({ reset }: { error: Error; reset: () => void }) {
  return <ErrorMessage title="This node could not be shown." text="Something went wrong while loading it. Try again; if it keeps happening, check the panel's log." onRetry={reset} />;
}
