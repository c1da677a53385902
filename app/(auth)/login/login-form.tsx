"use client";
// Signs in through /api/auth so better-auth's per-IP throttling applies.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/components/auth/auth-client";
import { FormField } from "@/components/ui/form-field";

export function LoginForm() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  // Staff with TOTP on get a second step after the password.
  const [needsCode, setNeedsCode] = useState(false);

  async function onCode(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(undefined);
    const { error } = await authClient.twoFactor.verifyTotp({ code: String(form.get("code")).replace(/\s/g, "") });
    setPending(false);
    if (error) {
      setError(error.status === 429 ? "Too many attempts. Wait a minute, then try again." : "That code is not right. Use the current code from your authenticator app.");
      return;
    }
    router.replace("/");
    router.refresh();
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(undefined);
    const { data, error } = await authClient.signIn.email({ email: String(form.get("email")), password: String(form.get("password")) });
    setPending(false);
    if (error) {
      // The same words for an unknown email and a wrong password.
      setError(error.status === 429 ? "Too many attempts. Wait a minute, then try again." : "The email or password is not right. Check both and try again.");
      return;
    }
    if (data && "twoFactorRedirect" in data && data.twoFactorRedirect) {
      setNeedsCode(true);
      return;
    }
    router.replace("/");
    router.refresh();
  }

  if (needsCode) {
    return (
      <form onSubmit={onCode} className="mt-6 space-y-4" noValidate>
        <FormField label="Authentication code" name="code" autoComplete="one-time-code" />
        {error && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
        <button type="submit" disabled={pending} className="w-full rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60">
          {pending ? "Checking…" : "Verify"}
        </button>
      </form>
    );
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormField label="Email" name="email" type="email" autoComplete="username" />
      <FormField label="Password" name="password" type="password" autoComplete="current-password" />
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60">
        {pending ? "Logging in…" : "Log in"}
      </button>
    </form>
  );
}
