import Link from "next/link";
import { AuthShell } from "@/components/auth-shell";
import { buttonClass } from "@/components/button";

export default function NotFound() {
  return (
    <AuthShell title="Page not found" description="There is nothing at this address.">
      <Link href="/" className={buttonClass("primary", "md", "w-full")}>
        Open the console
      </Link>
    </AuthShell>
  );
}
