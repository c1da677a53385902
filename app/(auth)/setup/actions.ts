"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { completeFirstRun } from "@/server/auth/first-run";
import { toErrorBody } from "@/server/errors/to-error-body";
import type { ErrorBody } from "@/server/errors/app-error";

const SetupInput = z.object({
  token: z.string().min(1),
  name: z.string().trim().min(1, "enter your name").max(100),
  email: z.email("enter a valid email address").max(254),
  password: z.string().min(10, "use at least 10 characters").max(256),
});

export type SetupState = { error?: ErrorBody["error"]; values?: { name?: string; email?: string } };

export async function completeSetup(_prev: SetupState, form: FormData): Promise<SetupState> {
  const raw = Object.fromEntries(["token", "name", "email", "password"].map((k) => [k, String(form.get(k) ?? "")]));
  try {
    await completeFirstRun(SetupInput.parse(raw));
  } catch (err) {
    return { error: toErrorBody(err).body.error, values: { name: raw.name, email: raw.email } };
  }
  redirect("/login?setup=done");
}
