"use client";
// A form bound to a server action that returns { ok } or { error } (the one
// envelope). Shows the error under the form and an optional success note.
import { startTransition, useActionState, useEffect, useRef } from "react";
import { ActionError } from "@/components/ui/action-error";

type Result = { ok: true; data?: unknown; at: number } | { ok: false; error: { code: string; message: string; detail?: string; fields?: { path: string; message: string }[] }; at: number };

export function ActionForm<R extends Result>({
  action,
  children,
  success,
  className,
  label,
  resetOnSuccess = true,
}: {
  action: (prev: R | null, form: FormData) => Promise<R>;
  children: React.ReactNode;
  // A node from a server component (functions cannot cross to the client), or a render function from a client one.
  success?: React.ReactNode | ((data: R extends { ok: true; data: infer D } ? D : unknown) => React.ReactNode);
  className?: string;
  label?: string;
  resetOnSuccess?: boolean;
}) {
  const [state, formAction, pending] = useActionState<R | null, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  // Clear the fields after a success only; after an error the user fixes what they typed.
  useEffect(() => {
    if (state?.ok && resetOnSuccess) formRef.current?.reset();
  }, [state, resetOnSuccess]);
  return (
    <form
      aria-label={label}
      className={className}
      ref={formRef}
      // Submitted by hand rather than through `action`: React resets a form after an action
      // runs, which would wipe what the user typed whenever the answer is an error.
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <fieldset disabled={pending} className="contents">
        {children}
      </fieldset>
      {state && !state.ok && <ActionError error={state.error} />}
      {state?.ok && success && <div role="status" className="mt-3">{typeof success === "function" ? success((state as Extract<R, { ok: true }>).data as never) : success}</div>}
    </form>
  );
}
