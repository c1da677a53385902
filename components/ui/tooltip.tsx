"use client";
// A short hint on hover and on keyboard focus (Radix Tooltip: it also ties the
// hint to its trigger with aria-describedby). Never the only place a control's
// name lives: icon-only buttons still carry an aria-label (IconButton).
import { Tooltip as Tip } from "radix-ui";

export function Tooltip({ content, children, side = "top" }: { content: React.ReactNode; children: React.ReactElement; side?: "top" | "bottom" | "left" | "right" }) {
  return (
    <Tip.Provider delayDuration={300} disableHoverableContent>
      <Tip.Root>
        <Tip.Trigger asChild>{children}</Tip.Trigger>
        <Tip.Portal>
          <Tip.Content side={side} sideOffset={6} className="z-50 max-w-xs rounded-md bg-slate-900 px-2 py-1 text-xs text-white shadow-md dark:bg-slate-100 dark:text-slate-900">
            {content}
            <Tip.Arrow className="fill-slate-900 dark:fill-slate-100" />
          </Tip.Content>
        </Tip.Portal>
      </Tip.Root>
    </Tip.Provider>
  );
}
