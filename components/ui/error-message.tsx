"use client";

export function ErrorMessage({ title, text, onRetry }: { title: string; text: string; onRetry?: () => void }) {
  return (
    <main role="alert" className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">{text}</p>
      {onRetry && (
        <button type="button" onClick={onRetry} className="mt-6 rounded-md bg-sky-700 px-4 py-2 text-white hover:bg-sky-800">
          Try again
        </button>
      )}
    </main>
  );
}
