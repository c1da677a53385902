"use client";
import { useFormStatus } from "react-dom";

export function SubmitButton({ children, pendingText, tone = "primary" }: { children: React.ReactNode; pendingText?: string; tone?: "primary" | "danger" | "plain" }) {
  const { pending } = useFormStatus();
  const cls = {
    primary: "bg-sky-700 text-white hover:bg-sky-800",
    danger: "bg-red-600 text-white hover:bg-red-700",
    plain: "border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800",
  }[tone];
  return (
    <button type="submit" disabled={pending} className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${cls}`}>
      {pending ? (pendingText ?? "Working…") : children}
    </button>
  );
}
