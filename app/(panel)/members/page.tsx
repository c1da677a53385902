// A customer's own people: owners add and disable members here.
import type { Metadata } from "next";
import { requirePageActor } from "@/server/access/require-page-actor";
import { listUsers } from "@/server/users/list-users";
import { PageHeader } from "@/components/ui/page-header";
import { NewUserForm } from "../users/new-user-form";
import { UserTable } from "../users/user-table";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const actor = await requirePageActor();
  const users = await listUsers(actor);
  const owner = actor.role === "owner";
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      <PageHeader title="Members" />
      <UserTable users={users} canEdit={owner} selfId={actor.userId} />
      {owner && actor.tenantId && <NewUserForm tenantId={actor.tenantId} roles={["member", "owner"]} />}
    </main>
  );
}
