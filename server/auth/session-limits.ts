// Session lifetimes. Idle: better-auth's expiresIn, slid forward at most every
// SESSION_UPDATE_AGE_S while the session is used. Absolute: from the login,
// whatever the activity (checked in access/actor-from-headers.ts).
export const SESSION_IDLE_S = 60 * 60 * 8;
export const SESSION_UPDATE_AGE_S = 60 * 10;
export const SESSION_ABSOLUTE_MS = 1000 * 60 * 60 * 24 * 7;
