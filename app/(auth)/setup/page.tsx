import type { Metadata } from "next";
import { hasAdmin, isSetupTokenValid } from "@/server/auth/first-run";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "First-run setup" };
export const dynamic = "force-dynamic";

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = "" } = await searchParams;
  const usable = token !== "" && !(await hasAdmin()) && (await isSetupTokenValid(token));
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-2xl font-semibold">Create the first admin</h1>
      {usable ? (
        <SetupForm token={token} />
      ) : (
        <p role="alert" className="mt-4 text-slate-600 dark:text-slate-400">
          This setup link is not valid any more. If no admin exists yet, restart the panel: it prints a new link.
        </p>
      )}
    </main>
  );
}
