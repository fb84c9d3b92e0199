// What the sign-in page says for next-auth's error codes (lib/auth/next-auth.ts; TooManySignIns is
// lib/auth/sign-in-throttle.ts's). A plain module: the server page and the client form both read it.

export const SIGN_IN_ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  TooManySignIns: "Too many failed sign-ins for this email; try again in 15 minutes.",
  SessionRequired: "Please sign in to continue.",
};
