"use client";
// TOTP setup through better-auth's twoFactor endpoints: the password unlocks a
// new secret, the first code from the app proves it was saved, then it is on.
import { ShieldCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/components/auth/auth-client";
import { FormField } from "@/components/ui/form-field";

export function TotpSetup({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  const [uri, setUri] = useState<string>();
  const [backup, setBackup] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(enabled);

  async function start(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(undefined);
    const { data, error } = await authClient.twoFactor.enable({ password: String(new FormData(e.currentTarget).get("password")) });
    if (error || !data || !("totpURI" in data)) return setError("The password is not right.");
    setUri(data.totpURI);
    setBackup(data.backupCodes);
  }

  async function verify(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(undefined);
    const { error } = await authClient.twoFactor.verifyTotp({ code: String(new FormData(e.currentTarget).get("code")).replace(/\s/g, "") });
    if (error) return setError("That code is not right. Use the current code from your authenticator app.");
    setDone(true);
    router.refresh();
  }

  if (done) {
    return (
      <p className="flex items-center gap-2 text-green-700" data-testid="totp-on">
        <ShieldCheck aria-hidden className="size-5" /> Two-factor authentication is on.
      </p>
    );
  }
  if (!uri) {
    return (
      <form onSubmit={start} className="max-w-sm space-y-3">
        <FormField label="Your password" name="password" type="password" autoComplete="current-password" />
        {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
        <button type="submit" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white">
          Set up an authenticator app
        </button>
      </form>
    );
  }
  const secret = new URL(uri).searchParams.get("secret");
  return (
    <form onSubmit={verify} className="max-w-lg space-y-3">
      <p className="text-sm">Add this key to your authenticator app (or open the link on your phone), then enter the code it shows.</p>
      <code data-testid="totp-secret" className="block break-all rounded bg-slate-100 p-2 dark:bg-slate-800">{secret}</code>
      <a href={uri} className="text-sm underline">Open in authenticator app</a>
      <details className="text-sm">
        <summary>Backup codes (keep them somewhere safe)</summary>
        <ul className="mt-1 font-mono">{backup.map((c) => <li key={c}>{c}</li>)}</ul>
      </details>
      <FormField label="Code from the app" name="code" autoComplete="one-time-code" />
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
      <button type="submit" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white">
        Turn on
      </button>
    </form>
  );
}
