// Signing in through the sign-in form, shared by the specs (the console flow also checks the
// redirect to it from /, in its own step).

import { expect, type Page } from "@playwright/test";
import { ADMIN } from "./env";

export async function signIn(page: Page, user: { email: string; password: string } = ADMIN): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}
