"use client";

// Under the md breakpoint the sidebar is a top bar: the brand and a Menu button that folds the
// navigation out below it. The menu closes when a link in it navigates (the layout, and so this
// component, stays mounted across console pages).

import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";

export function MobileMenu({ brand, children }: { brand: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <header className="sticky top-0 z-30 bg-gray-950 text-tremor-default md:hidden">
      <div className="flex items-center justify-between px-4 py-2.5">
        {brand}
        <button
          type="button"
          aria-expanded={open}
          aria-controls="mobile-menu"
          onClick={() => setOpen((o) => !o)}
          className="flex items-center gap-2 rounded-tremor-default px-3 py-1.5 font-medium text-gray-200 hover:bg-white/10"
        >
          <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden>
            <path d={open ? "M6 6l12 12M18 6L6 18" : "M4 7h16M4 12h16M4 17h16"} />
          </svg>
          Menu
        </button>
      </div>
      {open ? (
        <div id="mobile-menu" className="max-h-[calc(100vh-3.25rem)] overflow-y-auto border-t border-white/10 px-3 pb-4 pt-2">
          {children}
        </div>
      ) : null}
    </header>
  );
}
