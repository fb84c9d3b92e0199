"use client";

// A table row with an Edit button that opens an editor in a full-width row underneath (e.g. a
// token's name, expiry and endpoints). The editor closes itself through useRowEditor() after a
// successful save; the page's data is revalidated by the save, so the row shows the new values.

import { createContext, useContext, useState, type ReactNode } from "react";
import { Button } from "./button";
import { TD, TR } from "./table";

const RowEditorContext = createContext<{ close: () => void }>({ close: () => {} });

export function useRowEditor(): { close: () => void } {
  return useContext(RowEditorContext);
}

export function EditableRow({
  children,
  actions,
  editor,
  itemLabel,
  colSpan,
}: {
  /** The row's cells except the last (the buttons). */
  children: ReactNode;
  /** Buttons shown after Edit (e.g. Revoke). */
  actions?: ReactNode;
  /** The editor; null = this row cannot be edited (no Edit button). */
  editor: ReactNode | null;
  /** What the row is, for screen readers: the button reads "Edit token ci" / "Close token ci". */
  itemLabel: string;
  /** Columns of the table, for the editor's row. */
  colSpan: number;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <TR>
        {children}
        {/* As narrow as its buttons, kept on one line (a button's error message may still wrap). */}
        <TD className="w-px text-right">
          <div className="flex flex-nowrap items-start justify-end gap-2">
            {editor ? (
              <Button variant="secondary" size="sm" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
                {open ? "Close" : "Edit"}
                <span className="sr-only"> {itemLabel}</span>
              </Button>
            ) : null}
            {actions}
          </div>
        </TD>
      </TR>
      {open && editor ? (
        <tr>
          <td colSpan={colSpan} className="bg-tremor-background-muted px-5 py-4">
            <RowEditorContext.Provider value={{ close: () => setOpen(false) }}>{editor}</RowEditorContext.Provider>
          </td>
        </tr>
      ) : null}
    </>
  );
}
