import type { ReactNode } from "react";
import { Sidebar } from "@/components/sidebar";
import { requireUser } from "@/lib/auth/session";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-full md:flex">
      <Sidebar user={user} />
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-6 md:px-10 md:py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
