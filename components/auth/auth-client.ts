"use client";
// Browser side of better-auth: same-origin calls to /api/auth/*.
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient();
