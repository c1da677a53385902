import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/get-session";
import { CustomerOverview } from "./customer-overview";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireSessionUser();
  return (
    <main className="mx-auto max-w-5xl p-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      {(user.role === "owner" || user.role === "member") && <CustomerOverview />}
      <section className="mt-6 rounded-lg border border-dashed border-slate-300 p-10 text-center dark:border-slate-700" data-testid="empty-dashboard">
        <h2 className="text-lg font-medium">No containers yet</h2>
        <p className="mt-1 text-slate-600 dark:text-slate-400">
          {user.role === "admin" ? "Add a node and a plan, then create the first container." : "Containers you create will appear here."}
        </p>
      </section>
    </main>
  );
}
