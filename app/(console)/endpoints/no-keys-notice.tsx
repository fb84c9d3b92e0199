import Link from "next/link";
import { Alert } from "@/components/alert";

export function NoKeysNotice() {
  return (
    <div className="mb-4">
      <Alert tone="warning">
        Every model needs a provider key and none exists yet.{" "}
        <Link href="/provider-keys/new" className="font-medium underline">
          Add a provider key
        </Link>{" "}
        first, then come back to create the endpoint.
      </Alert>
    </div>
  );
}
