"use client";
// Replaces the root layout when it fails, so it brings its own <html>.
import "./globals.css";
import { ErrorMessage } from "@/components/ui/error-message";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <ErrorMessage title="Corral could not load." text="Something went wrong on our side. Reload the page; if it keeps happening, contact support." onRetry={reset} />
      </body>
    </html>
  );
}
