import type { listUsers } from "@/server/users/list-users";
import { UserRowActions } from "./user-row-actions";

export function UserTable({ users, canEdit, selfId }: { users: Awaited<ReturnType<typeof listUsers>>; canEdit: boolean; selfId: string }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
        <tr>
          <th className="py-2">Email</th>
          <th>Name</th>
          <th>Role</th>
          <th>Tenant</th>
          <th>TOTP</th>
          <th>Status</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id} className="border-b border-slate-100 dark:border-slate-800">
            <td className="py-2">{u.email}</td>
            <td>{u.name}</td>
            <td>{u.role}</td>
            <td>{u.tenant?.name ?? "—"}</td>
            <td>{u.twoFactorEnabled ? "on" : "off"}</td>
            <td>{u.disabled ? "disabled" : "active"}</td>
            <td>{canEdit && u.id !== selfId && <UserRowActions id={u.id} disabled={u.disabled} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
