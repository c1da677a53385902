"use client";
// A destructive action behind a button. The button opens an alert dialog
// (Radix AlertDialog: focus moves in and is trapped, Escape or Cancel closes,
// focus returns to the button) holding the action's own form, typically a
// typed confirmation. The form's submit button acts, not AlertDialog.Action:
// Action would close the dialog before the server answered and hide its error.
import { AlertDialog } from "radix-ui";
import { AlertDialogCancel, AlertDialogFrame } from "@/components/ui/alert-dialog-frame";

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
      <AlertDialogFrame title={title} description={description} danger={tone === "danger"} size="lg">
        {children}
        <div className="mt-4 flex justify-end border-t border-slate-200 pt-4 dark:border-slate-700">
          <AlertDialogCancel />
        </div>
      </AlertDialogFrame>
    </AlertDialog.Root>
  );
}
