import { existsSync } from 'node:fs'
import { MiernikError } from '../../errors.js'

/** Where a Chromium may be: the one named by MIERNIK_CHROMIUM first. */
const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.MIERNIK_CHROMIUM
  if (given) {
    if (existsSync(given)) return given
    throw new MiernikError('USAGE', `MIERNIK_CHROMIUM names ${given}, which does not exist`)
  }
  const found = candidates.find((c) => existsSync(c))
  if (found) return found
  throw new MiernikError(
    'USAGE',
    'a PDF is printed by headless Chromium, and none was found: install it (Debian/Ubuntu: apt-get install chromium; macOS: Google Chrome) or set MIERNIK_CHROMIUM to its path; --format html gives the same pack without it',
  )
}

/**
 * The HTML pack printed to PDF (A4) by headless Chromium: the same file, so the PDF shows what
 * the HTML shows. Offline: the page has nothing to fetch, and the browser is told not to.
 */
export async function renderPdf(
  html: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Buffer> {
  const executablePath = findChromium(env)
  // Loaded when a PDF is asked for: the rest of Miernik does not need a browser driver.
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  try {
    const page = await browser.newPage()
    await page.route('**/*', (route) =>
      route.request().url().startsWith('data:') ? route.continue() : route.abort(),
    )
    await page.setContent(html, { waitUntil: 'load' })
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
  } finally {
    await browser.close()
  }
}
