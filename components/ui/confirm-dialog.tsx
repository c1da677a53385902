"use client";
// A destructive action behind a button. The button opens an alert dialog
// (Radix AlertDialog: focus moves in and is trapped, Escape or Cancel closes,
// focus returns to the button) holding the action's own form, typically a
// typed confirmation. The form's submit button acts, not AlertDialog.Action:
// Action would close the dialog before the server answered and hide its error.
import { AlertDialog } from "radix-ui";

export function ConfirmDialog({
  trigger,
  title,
  description,
  children,
  tone = "danger",
}: {
  trigger: string;
  title: string;
  description: React.ReactNode;
  children: React.ReactNode;
  tone?: "danger" | "warning";
}) {
  const triggerCls =
    tone === "danger"
      ? "bg-red-600 text-white hover:bg-red-700"
      : "border border-amber-400 text-amber-800 hover:bg-amber-50 dark:border-amber-700 dark:text-amber-200 dark:hover:bg-amber-950";
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <button type="button" className={`rounded-md px-3 py-1.5 text-sm font-medium ${triggerCls}`}>
          {trigger}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-950/60" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border border-slate-200 bg-white p-6 text-slate-900 shadow-xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
          <AlertDialog.Title className={`text-lg font-semibold ${tone === "danger" ? "text-red-700 dark:text-red-400" : ""}`}>{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600 dark:text-slate-300">{description}</AlertDialog.Description>
          {children}
          <div className="mt-4 flex justify-end border-t border-slate-200 pt-4 dark:border-slate-700">
            <AlertDialog.Cancel asChild>
              <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
                Cancel
              </button>
            </AlertDialog.Cancel>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
