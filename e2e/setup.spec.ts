// First run: with no user in the database every page leads to /setup, which creates the first
// admin and signs them in; afterwards setup is closed.
import { expect, test } from "@playwright/test";
import { screen } from "./screens";

test("the setup page creates the first admin, then refuses to run again", async ({ page }) => {
  await page.goto("/teams");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Gatehouse" })).toBeVisible();
  await screen(page, "setup");

  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("different");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.locator('[data-field-error="email"]')).toContainText("valid email");
  await expect(page.locator('[data-field-error="password"]')).toContainText("at least 8 characters");
  await expect(page.locator('[data-field-error="confirmPassword"]')).toHaveText("The passwords do not match.");
  // The typed values survive the failed submission.
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  await screen(page, "setup-errors");

  await page.getByLabel("Email").fill("first.admin@e2e.test");
  await page.getByLabel("Name").fill("First Admin");
  await page.getByLabel("Password", { exact: true }).fill("a-long-password");
  await page.getByLabel("Confirm password").fill("a-long-password");
  await page.getByRole("button", { name: "Create admin account" }).click();

  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  // Signed in as the new admin: the sidebar names them.
  await expect(page.locator("aside").getByText("first.admin@e2e.test")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toBeVisible();

  await page.goto("/setup");
  await expect(page.getByRole("heading", { name: "Gatehouse is set up" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveCount(0);
});
