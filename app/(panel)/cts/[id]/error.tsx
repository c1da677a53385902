"use client";
import { ErrorMessage } from "@/components/ui/error-message";

export default function CtError({ reset }: { error: Error; reset: () => void }) {
  return <ErrorMessage title="This CT could not be shown." text="Something went wrong while loading it. Try again; if it keeps happening, contact support." onRetry={reset} />;
}
