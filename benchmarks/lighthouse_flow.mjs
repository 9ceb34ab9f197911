// Lighthouse user flows for benchmarks/pages.py: each page measured on a cold cache, then again
// on a repeat view, in headless Debian Chromium under Lighthouse's simulated slow 4G (mobile).
//
// Reads a JSON plan on standard input:
//   {"chrome": "/usr/bin/chromium",
//    "signIn": {"url": ..., "email": ..., "password": ...},
//    "pages": [{"name": ..., "url": ..., "submit": false, "staff": false}, ...]}
// A page with "submit" is the state after pressing the form's button on "url" (the survey's
// error state); a "staff" page is opened signed in. Prints one JSON object per page on stdout.
import { startFlow } from 'lighthouse'
import { userAgents } from 'lighthouse/core/config/constants.js'
import puppeteer from 'puppeteer-core'

const CHROME_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo']

async function readPlan () {
  let text = ''
  for await (const chunk of process.stdin) text += chunk
  return JSON.parse(text)
}

async function signIn (page, { url, email, password }) {
  // Pulse ties a staff session to the browser's User-Agent, so sign in as the phone Lighthouse
  // pretends to be.
  await page.setUserAgent(userAgents.mobile)
  await page.goto(url)
  await page.type('#email', email)
  await page.type('#password', password)
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')])
}

function figures (lhr) {
  const scores = {}
  for (const name of CATEGORIES) scores[name] = lhr.categories[name]?.score ?? null
  return {
    bytes: lhr.audits['total-byte-weight'].numericValue,
    lcp_ms: lhr.audits['largest-contentful-paint'].numericValue,
    requests: (lhr.audits['network-requests'].details?.items ?? []).map(item => ({
      url: item.url,
      bytes: item.transferSize
    })),
    scores,
    failing: Object.values(lhr.audits)
      .filter(audit => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
      .map(audit => audit.id)
  }
}

async function measure (browser, plan, spec) {
  const page = await browser.newPage()
  if (spec.staff) await signIn(page, plan.signIn)
  const flow = await startFlow(page, { flags: { onlyCategories: CATEGORIES } })
  if (spec.submit) {
    // Reach the form, then empty the cache so the first submission is a cold load.
    await page.goto(spec.url)
    const cdp = await page.createCDPSession()
    await cdp.send('Network.clearBrowserCache')
    await flow.navigate(() => page.click('form button[type=submit]'), { name: 'cold' })
    await flow.navigate(() => page.click('form button[type=submit]'), { name: 'repeat' })
  } else {
    await flow.navigate(spec.url, { name: 'cold' })
    // Lighthouse's own checks between steps can end a staff session (it is tied to the
    // User-Agent): sign in again, which only warms the cache further.
    if (spec.staff) await signIn(page, plan.signIn)
    await flow.navigate(spec.url, { name: 'repeat', disableStorageReset: true })
  }
  const result = await flow.createFlowResult()
  await page.close()
  const [cold, repeat] = result.steps.map(step => figures(step.lhr))
  return { name: spec.name, url: spec.url, cold, repeat }
}

const plan = await readPlan()
for (const spec of plan.pages) {
  // A browser of its own per page, so nothing cached by one page helps the next.
  const browser = await puppeteer.launch({ executablePath: plan.chrome, args: CHROME_ARGS })
  try {
    process.stdout.write(JSON.stringify(await measure(browser, plan, spec)) + '\n')
  } finally {
    await browser.close()
  }
}
