"use client";
// A confirmation opened by the page (a key bar button, a bulk toolbar), not by
// a trigger of its own: Radix AlertDialog with Cancel and one action. The
// action closes the dialog at once (AlertDialog.Action); its outcome shows
// elsewhere on the page. For an action behind a form whose server answer must
// stay visible in the dialog, use ConfirmDialog.
import { AlertDialog } from "radix-ui";

export function ActionDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  actionLabel,
  tone = "danger",
  onAction,
  returnFocusTo,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: React.ReactNode;
  children?: React.ReactNode;
  actionLabel: string;
  tone?: "danger" | "primary";
  onAction: () => void;
  // Where focus goes on close when the opener is not a Radix trigger.
  returnFocusTo?: React.RefObject<HTMLElement | null>;
}) {
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-950/60" />
        <AlertDialog.Content
          onCloseAutoFocus={
            returnFocusTo
              ? (e) => {
                  e.preventDefault();
                  returnFocusTo.current?.focus();
                }
              : undefined
          }
          className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg border border-slate-200 bg-white p-6 text-slate-900 shadow-xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600 dark:text-slate-300">{description}</AlertDialog.Description>
          {children}
          <div className="mt-6 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
                Cancel
              </button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button
                type="button"
                onClick={onAction}
                className={`rounded-md px-3 py-1.5 text-sm font-medium text-white ${tone === "danger" ? "bg-red-600 hover:bg-red-700" : "bg-sky-700 hover:bg-sky-800"}`}
              >
                {actionLabel}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
