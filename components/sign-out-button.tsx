"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // No next-auth redirect: it would build an absolute URL from NEXTAUTH_URL (often unset
        // here). A full page load also drops every cached console page.
        try {
          await signOut({ redirect: false });
          window.location.assign("/signin");
        } catch {
          setPending(false);
        }
      }}
      className="whitespace-nowrap rounded-tremor-small px-2 py-1 text-tremor-label font-medium text-gray-300 hover:bg-white/10 hover:text-white disabled:opacity-60"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
