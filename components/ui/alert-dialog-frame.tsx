"use client";
// The frame every Corral alert dialog shares (ActionDialog, ConfirmDialog):
// overlay, the centred panel, title and description, then the caller's body
// and footer. Root and trigger stay with the caller, which decides who opens it.
import { AlertDialog } from "radix-ui";

export function AlertDialogFrame({
  title,
  description,
  children,
  danger = false,
  size = "md",
  returnFocusTo,
}: {
  title: string;
  description: React.ReactNode;
  children: React.ReactNode;
  // A danger title is tinted red (destructive forms).
  danger?: boolean;
  // lg: room for a form, scrolling when taller than the window.
  size?: "md" | "lg";
  // Where focus goes on close when the opener is not a Radix trigger.
  returnFocusTo?: React.RefObject<HTMLElement | null>;
}) {
  return (
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
        className={`fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 rounded-lg border border-slate-200 bg-white p-6 text-slate-900 shadow-xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 ${size === "lg" ? "max-h-[90vh] max-w-lg overflow-y-auto" : "max-w-md"}`}
      >
        <AlertDialog.Title className={`text-lg font-semibold ${danger ? "text-red-700 dark:text-red-400" : ""}`}>{title}</AlertDialog.Title>
        <AlertDialog.Description className="mt-2 text-sm text-slate-600 dark:text-slate-300">{description}</AlertDialog.Description>
        {children}
      </AlertDialog.Content>
    </AlertDialog.Portal>
  );
}

/** The Cancel button of an alert dialog's footer. */
export function AlertDialogCancel() {
  return (
    <AlertDialog.Cancel asChild>
      <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
        Cancel
      </button>
    </AlertDialog.Cancel>
  );
}
