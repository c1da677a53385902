import type { Metadata } from "next";
import { isAdmin } from "@/server/access/actor";
import { requirePageActor } from "@/server/access/require-page-actor";
import { listTenants } from "@/server/tenants/list-tenants";
import { listUsers } from "@/server/users/list-users";
import { PageHeader } from "@/components/ui/page-header";
import { NewUserForm } from "./new-user-form";
import { UserTable } from "./user-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePageActor();
  const [users, tenants] = await Promise.all([listUsers(actor), listTenants(actor)]);
  const admin = isAdmin(actor);
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      <PageHeader title="Users" />
      <UserTable users={users} canEdit={admin} selfId={actor.userId} />
      {admin && <NewUserForm roles={["owner", "member", "admin", "support"]} tenants={tenants.map((t) => ({ id: t.id, name: t.name }))} />}
    </main>
  );
}
