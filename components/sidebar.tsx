import Link from "next/link";
import type { Role } from "@/lib/auth/actor";
import { MobileMenu } from "./mobile-menu";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

interface NavItem {
  href: string;
  label: string;
  icon: string;
  adminOnly?: boolean;
  /** Items with a section are grouped under its heading, after the ungrouped ones. */
  section?: string;
}

// Members see the dashboard, their teams' traces, the endpoints they can call and their teams; the
// rest is admin-only.
const NAV: NavItem[] = [
  { href: "/", label: "Dashboard", icon: "M3 12l9-9 9 9M5 10v10h5v-6h4v6h5V10" },
  { href: "/traces", label: "Traces", icon: "M4 6h7M4 12h11M4 18h5M15 6h5M18 12h2M12 18h8" },
  { href: "/endpoints", label: "Endpoints", icon: "M4 6h16M4 12h16M4 18h10" },
  { href: "/provider-keys", label: "Provider keys", icon: "M15 7a4 4 0 11-4 4m4-4l5-5m-3 3l2 2M7 15l-4 4", adminOnly: true },
  { href: "/teams", label: "Teams", icon: "M17 20v-2a4 4 0 00-4-4H7a4 4 0 00-4 4v2M10 10a4 4 0 100-8 4 4 0 000 8m11 10v-2a4 4 0 00-3-3.87M16 2.13a4 4 0 010 7.75" },
  { href: "/users", label: "Users", icon: "M16 7a4 4 0 11-8 0 4 4 0 018 0zM12 14a7 7 0 00-7 7h14a7 7 0 00-7-7z", adminOnly: true },
  { href: "/prices", label: "Prices", icon: "M12 3v18M17 7.5C17 5.6 14.8 4.5 12 4.5S7 5.6 7 7.5s2.2 3 5 3.5 5 1.6 5 3.5-2.2 3-5 3-5-1.1-5-3", adminOnly: true },
  { href: "/admin-tokens", label: "Admin tokens", icon: "M12 15v2m-6 4h12a2 2 0 002-2v-6a2 2 0 00-2-2H6a2 2 0 00-2 2v6a2 2 0 002 2zm10-10V7a4 4 0 00-8 0v4h8z", adminOnly: true },
  { href: "/judges", label: "Judges", icon: "M12 3v18M5 7h14M5 7l-3 7a3 3 0 006 0L5 7m14 0l-3 7a3 3 0 006 0l-3-7M8 21h8", adminOnly: true, section: "Evaluation" },
  { href: "/datasets", label: "Datasets", icon: "M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zm0 0v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3", adminOnly: true, section: "Evaluation" },
  { href: "/evaluations", label: "Runs", icon: "M9 17V9m4 8V5m4 12v-6M4 21h16", adminOnly: true, section: "Evaluation" },
];

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" className="h-4 w-4 shrink-0" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d={d} />
    </svg>
  );
}

function Brand() {
  return (
    <div className="flex items-center gap-2.5">
      <span className="grid h-8 w-8 place-items-center rounded-tremor-default bg-tremor-brand text-sm font-bold text-white">G</span>
      <div>
        <p className="font-semibold leading-tight text-white">Gatehouse</p>
        <p className="text-tremor-label text-gray-400">AI gateway</p>
      </div>
    </div>
  );
}

type SidebarUser = { email: string; name?: string | null; role: Role };

function MainNav({ items, className = "" }: { items: NavItem[]; className?: string }) {
  const sections = [...new Set(items.flatMap((item) => (item.section ? [item.section] : [])))];
  return (
    <nav aria-label="Main" className={`flex flex-col gap-0.5 ${className}`}>
      {items
        .filter((item) => !item.section)
        .map((item) => (
          <NavLink key={item.href} href={item.href}>
            <Icon d={item.icon} />
            {item.label}
          </NavLink>
        ))}
      {sections.map((section) => (
        <div key={section} className="mt-4 flex flex-col gap-0.5">
          <p className="px-3 pb-1 text-tremor-label font-semibold uppercase tracking-wide text-gray-500">{section}</p>
          {items
            .filter((item) => item.section === section)
            .map((item) => (
              <NavLink key={item.href} href={item.href}>
                <Icon d={item.icon} />
                {item.label}
              </NavLink>
            ))}
        </div>
      ))}
    </nav>
  );
}

function UserBox({ user }: { user: SidebarUser }) {
  return (
    <div className="border-t border-white/10 px-3 pt-4">
      <p className="truncate font-medium text-white" title={user.email}>
        {user.name || user.email}
      </p>
      {user.name ? <p className="truncate text-tremor-label text-gray-400">{user.email}</p> : null}
      <div className="mt-2 flex items-center justify-between">
        <span className="rounded-tremor-small bg-white/10 px-1.5 py-0.5 text-tremor-label capitalize text-gray-300">{user.role}</span>
        <div className="flex items-center">
          <Link
            href="/account"
            className="whitespace-nowrap rounded-tremor-small px-2 py-1 text-tremor-label font-medium text-gray-300 hover:bg-white/10 hover:text-white"
          >
            Account
          </Link>
          <SignOutButton />
        </div>
      </div>
    </div>
  );
}

/** The console's navigation: a sidebar from the md breakpoint up, a top bar with a Menu button
 * below it (phones). Only one of the two is in the accessibility tree at a time (the other is
 * display: none, or the closed menu renders nothing). */
export function Sidebar({ user }: { user: SidebarUser }) {
  const items = NAV.filter((item) => !item.adminOnly || user.role === "admin");
  return (
    <>
      <MobileMenu brand={<Brand />}>
        <MainNav items={items} className="pb-4" />
        <UserBox user={user} />
      </MobileMenu>
      <aside className="hidden w-60 shrink-0 bg-gray-950 text-tremor-default md:block">
        <div className="sticky top-0 flex h-screen flex-col px-3 py-5">
          <div className="px-3 pb-6">
            <Brand />
          </div>
          <MainNav items={items} className="flex-1" />
          <UserBox user={user} />
        </div>
      </aside>
    </>
  );
}
