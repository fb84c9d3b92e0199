import { notFound } from "next/navigation";
import { ApiError } from "../api/errors";

/** A service lookup for a page: a 404 from the service renders the page's not-found UI. */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  }
}
