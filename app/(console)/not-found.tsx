import { ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";

export default function ConsoleNotFound() {
  return (
    <Card className="mt-8">
      <EmptyState title="Not found" action={<ButtonLink href="/">Back to the dashboard</ButtonLink>}>
        This page does not exist, was deleted, or your account cannot see it.
      </EmptyState>
    </Card>
  );
}
