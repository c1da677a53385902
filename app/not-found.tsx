import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">There is nothing at this address. Check the link, or go back to your dashboard.</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-sky-700 px-4 py-2 text-white hover:bg-sky-800">
        Go to the dashboard
      </Link>
    </main>
  );
}
