"use client";
// A confirmation opened by the page (a key bar button, a bulk toolbar), not by
// a trigger of its own: Radix AlertDialog with Cancel and one action. The
// action closes the dialog at once (AlertDialog.Action); its outcome shows
// elsewhere on the page. For an action behind a form whose server answer must
// stay visible in the dialog, use ConfirmDialog.
import { AlertDialog } from "radix-ui";
import { AlertDialogCancel, AlertDialogFrame } from "@/components/ui/alert-dialog-frame";

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
      <AlertDialogFrame title={title} description={description} returnFocusTo={returnFocusTo}>
        {children}
        <div className="mt-6 flex justify-end gap-2">
          <AlertDialogCancel />
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
      </AlertDialogFrame>
    </AlertDialog.Root>
  );
}
