import Link from "next/link";
import type { Metadata } from "next";
import { connection } from "next/server";
import { AuthShell } from "@/components/auth-shell";
import { buttonClass } from "@/components/button";
import { hasAnyUser } from "@/lib/users/service";
import { createFirstAdminAction } from "./actions";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up" };

export default async function SetupPage() {
  await connection();
  if (await hasAnyUser()) {
    return (
      <AuthShell title="Gatehouse is set up" description="An account already exists, so setup is closed. Sign in instead.">
        <Link href="/signin" className={buttonClass("primary", "md", "w-full")}>
          Go to sign in
        </Link>
      </AuthShell>
    );
  }
  return (
    <AuthShell
      title="Welcome to Gatehouse"
      description="Create the first admin account. You can invite more people from the Users page afterwards."
    >
      <SetupForm action={createFirstAdminAction} />
    </AuthShell>
  );
}
