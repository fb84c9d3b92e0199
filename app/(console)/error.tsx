"use client";

import { useEffect } from "react";
import { Button } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";

// An unexpected failure while rendering a console page (e.g. the database is unreachable).
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <Card className="mt-8">
      <EmptyState title="This page could not be loaded" action={<Button onClick={reset}>Try again</Button>}>
        The server hit an unexpected error{error.digest ? ` (reference ${error.digest})` : ""}. The details are in the server
        log.
      </EmptyState>
    </Card>
  );
}
