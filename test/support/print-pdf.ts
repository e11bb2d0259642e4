// Prints HTML files to PDF with Chromium (playwright-core, Debian's /usr/bin/chromium or CHROMIUM_PATH),
// so the PDF reader is tested on another producer's output than the committed fixtures'.
import { chromium } from "playwright-core";

export async function printToPdf(
  jobs: readonly { html: string; pdf: string }[],
  options: { landscape?: boolean } = {},
): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const page = await browser.newPage();
    for (const { html, pdf } of jobs) {
      await page.goto(`file://${html}`);
      await page.pdf({ path: pdf, format: "A4", landscape: options.landscape ?? false, printBackground: false });
    }
  } finally {
    await browser.close();
  }
}
