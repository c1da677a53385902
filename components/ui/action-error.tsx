"use client";
// Shows an error envelope from a server action: the message, each field's
// problem, and the technical detail behind a toggle (never for 500s).
import { CircleAlert } from "lucide-react";
import { Collapsible } from "radix-ui";

type ErrorLike = { code: string; message: string; detail?: string; fields?: { path: string; message: string }[] };

export function ActionError({ error }: { error?: ErrorLike }) {
  if (!error) return null;
  return (
    <div role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      <p className="flex items-start gap-2">
        <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>{error.message}</span>
      </p>
      {error.fields && error.fields.length > 0 && (
        <ul className="mt-1 ml-6 list-disc">
          {error.fields.map((f) => (
            <li key={f.path}>
              <code>{f.path}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
      {error.detail && error.code !== "internal" && (
        <Collapsible.Root className="mt-1 ml-6">
          <Collapsible.Trigger className="underline">details</Collapsible.Trigger>
          <Collapsible.Content>
            <pre className="mt-1 whitespace-pre-wrap text-xs">{error.detail}</pre>
          </Collapsible.Content>
        </Collapsible.Root>
      )}
    </div>
  );
}
