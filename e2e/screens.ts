import path from "node:path";
import type { Page } from "@playwright/test";
import { SCREENS_DIR } from "./env";

/** Full-page screenshot under test-results/screens/, for reviewing the console's layout. */
export async function screen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage: true });
}
