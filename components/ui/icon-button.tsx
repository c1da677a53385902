"use client";
// A button that shows only an icon: its label is its accessible name and the
// tooltip that appears on hover or keyboard focus, so sighted mouse, keyboard
// and screen-reader users all learn what it does.
import { Tooltip } from "@/components/ui/tooltip";

type Props = Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, "aria-label" | "children"> & { label: string; icon: React.ReactNode };

export function IconButton({ label, icon, className, type = "button", ...rest }: Props) {
  return (
    <Tooltip content={label}>
      <button
        type={type}
        aria-label={label}
        className={`inline-flex size-7 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-50 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white ${className ?? ""}`}
        {...rest}
      >
        {icon}
      </button>
    </Tooltip>
  );
}
