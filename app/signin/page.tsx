import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { AuthShell } from "@/components/auth-shell";
import { getSessionUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/sign-in-path";
import { hasAnyUser } from "@/lib/users/service";
import { SIGN_IN_ERRORS } from "./sign-in-errors";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths: a callbackUrl must never send the user to another site. */
function safeCallback(value: string | string[] | undefined): string {
  return safeCallbackPath(Array.isArray(value) ? value[0] : value) ?? "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  if (!(await hasAnyUser())) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const errorCode = typeof params.error === "string" ? params.error : undefined;
  return (
    <AuthShell title="Sign in" description="Sign in to the Gatehouse console.">
      <SignInForm callbackUrl={callbackUrl} initialError={errorCode ? (SIGN_IN_ERRORS[errorCode] ?? "Sign-in failed; try again.") : undefined} />
    </AuthShell>
  );
}
