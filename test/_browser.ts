/**
 * Test helper: start Debian's headless Chromium through playwright-core. Tests never download a
 * browser (`npx playwright install` is not used); they use the system `chromium` found on PATH.
 */
import { execFileSync } from "node:child_process";
import { chromium, type Browser } from "playwright-core";

/** Absolute path of the system `chromium`, or undefined when it is not installed. */
export function findChromium(): string | undefined {
  try {
    const out = execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return out === "" ? undefined : out;
  } catch {
    return undefined;
  }
}

/**
 * Launch headless Chromium. Throws an Error explaining how to install it when `chromium` is
 * not on PATH. The caller closes the browser (`await browser.close()`).
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === undefined) {
    throw new Error(
      "chromium was not found on PATH (`command -v chromium` printed nothing); " +
        "install Debian's package with `apt-get update && apt-get install -y chromium` " +
        "(do not use `npx playwright install`)",
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}
