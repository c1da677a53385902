// Users for e2e specs, written straight to the server's database (DATABASE_URL
// is handed to Playwright by scripts/test.ts). Random names: specs never collide.
import { makeActor, makeCustomer } from "@/tests/helpers/fixtures";

export async function makeStaff(role: "admin" | "support") {
  const { user } = await makeActor(role);
  return { email: user.email, password: user.password };
}

export async function makeCustomerOwner() {
  const { tenant, owner } = await makeCustomer({ quotaCts: 3 });
  return { tenant, email: owner.user.email, password: owner.user.password };
}
