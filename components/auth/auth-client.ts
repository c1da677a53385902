"use client";
// Browser side of better-auth: same-origin calls to /api/auth/*. The twoFactor
// client adds TOTP setup and the second login step (the login form handles
// the redirect itself, so no twoFactorPage is set).
import { createAuthClient } from "better-auth/react";
import { twoFactorClient } from "better-auth/client/plugins";

export const authClient = createAuthClient({ plugins: [twoFactorClient()] });
