"use client";
import { ErrorMessage } from "@/components/ui/error-message";

export default function Error({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorMessage title="This page could not be shown." text="Something went wrong on our side. Try again; if it keeps happening, contact support." onRetry={reset} />;
}
