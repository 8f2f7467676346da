// The web UI in a real browser: Debian's Chromium, headless, driven by playwright-core, against
// a real `holdfast serve` (tests/web/run.sh starts it). Prints one line per check, saves a
// screenshot of the page for each failure, and exits 1 if any failed.
// Usage: node browser_test.mjs BASE_URL USER TOKEN SCREENSHOT_DIR [LEGAL_USER LEGAL_TOKEN
//        [CM_USER CM_TOKEN]]
// (USER is a compliance user; with a legal user, an export is started and downloaded as legal;
// with a community manager, three flags are worked with the keyboard as that manager.)
// (QUEUE_SCREENSHOT=FILE also saves the review queue as the README shows it.)
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base, user, token, shots, legalUser, legalToken, cmUser, cmToken] = process.argv.slice(2);
const TIMEOUT = 5000;
const XSS_KEY = 'AKIAFKCHLBIIS6SDCGUB';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.setDefaultTimeout(TIMEOUT);
const foreign = [];
const pageErrors = [];
page.on('request', (request) => {
  if (!request.url().startsWith(base)) foreign.push(request.url());
});
page.on('pageerror', (error) => pageErrors.push(error.message));

let passed = 0;
let failed = 0;
async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok    ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL  ${name}: ${String(error.message).split('\n')[0]}`);
    mkdirSync(shots, { recursive: true });
    const file = `${shots}/${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.log(`      screenshot: ${file}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}
const text = (selector) => page.locator(selector).first().textContent();
const count = (selector) => page.locator(selector).count();
const selectedIndex = () => page.$$eval('#queue li', (items) =>
  items.findIndex((item) => item.classList.contains('selected')));

await check('the page asks to log in', async () => {
  await page.goto(base);
  await page.waitForSelector('#login-form', { state: 'visible' });
});

await check('a wrong token is refused in the form', async () => {
  await page.fill('input[name=token]', 'f'.repeat(64));
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() =>
    document.getElementById('login-message').textContent.includes('unknown user name or token'));
});

await check('logging in with the form shows who is logged in', async () => {
  await page.fill('input[name=name]', user);
  await page.fill('input[name=token]', token);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#who', { state: 'visible' });
  expect((await text('#who')) === `${user} (compliance)`, `who: ${await text('#who')}`);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'holdfast_session');
  expect(session && session.httpOnly && session.sameSite === 'Strict', JSON.stringify(cookies));
  expect(!(await page.evaluate(() => document.cookie)).includes('holdfast_session'),
    'the page script can read the session cookie');
});

await check('the review queue lists flags', async () => {
  await page.goto(`${base}/#/queue`);
  await page.waitForSelector('#queue li.flag');
  expect((await count('#queue li.flag')) > 1, 'fewer than two flags');
  expect(/\d+ flags/.test(await text('#queue-status')), await text('#queue-status'));
  expect((await selectedIndex()) === 0, 'the first flag is not selected');
  if (process.env.QUEUE_SCREENSHOT) {
    await page.screenshot({ path: process.env.QUEUE_SCREENSHOT });
  }
});

await check('j and k move the selection', async () => {
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  expect((await selectedIndex()) === 2, `after j j: ${await selectedIndex()}`);
  await page.keyboard.press('k');
  expect((await selectedIndex()) === 1, `after k: ${await selectedIndex()}`);
});

await check('o opens the selected post with its matched span highlighted', async () => {
  const match = await page.$eval('#queue li.selected .match', (q) => q.textContent);
  await page.keyboard.press('o');
  await page.waitForSelector('#post-view .current .text mark');
  const marks = await page.$$eval('#post-view .current .text mark', (m) => m.map((e) => e.textContent));
  expect(marks.includes(match), `marks ${JSON.stringify(marks)} lack ${match}`);
  expect((await count('#post-view .post-flags li')) >= 1, 'no flag listed');
});

await check('the post with markup in it renders as text and runs nothing', async () => {
  await page.goto(`${base}/#/queue?state=open&community=xss-lab`);
  await page.waitForSelector('#queue-filters input[name=community][value=xss-lab]');
  await page.waitForFunction(() => document.querySelector('#queue-status').textContent !== '');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#post-view .current .text mark');
  const shown = await text('#post-view .current .text');
  expect(shown.includes('<script>window.__xss=1</script>'), `text: ${shown}`);
  expect(shown.includes('<img src=x onerror="window.__xss=2">'), `text: ${shown}`);
  expect((await text('#post-view .current .text mark')) === XSS_KEY, 'the key is not marked');
  expect((await count('#post-view script, #post-view img, #main [onerror]')) === 0,
    'the post became markup');
  expect((await page.evaluate(() => window.__xss)) === undefined, 'the post ran script');
});

// Logs out whoever is logged in, then in as `name` with `secret`, whose role is `role`.
async function logInAs(name, secret, role) {
  if (await page.isVisible('#logout')) {
    await page.click('#logout');
  }
  await page.waitForSelector('#login-form', { state: 'visible' });
  await page.fill('input[name=name]', name);
  await page.fill('input[name=token]', secret);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#who', { state: 'visible' });
  expect((await text('#who')) === `${name} (${role})`, `who: ${await text('#who')}`);
}

// Presses `key` (d, e or r) on the selected flag, fills in the note (and, for e, the reviewer)
// and records it; returns the flag's id.
async function review(key, note, assignee) {
  const flagId = await page.$eval('#queue li.selected', (li) => li.dataset.flagId);
  await page.keyboard.press(key);
  await page.waitForSelector('#review', { state: 'visible' });
  if (key === 'e') {
    await page.fill('#review-assignee', assignee);
  }
  await page.fill('#review-note', note);
  await page.click('#review button[type=submit]');
  return flagId;
}

if (cmUser) {
  await check('as a community manager, d, e and r work three flags, as the API then says', async () => {
    await logInAs(cmUser, cmToken, 'community-manager');
    await page.goto(`${base}/#/queue`);
    await page.waitForSelector('#queue li.flag');
    const worked = {};
    for (const [key, state] of [['d', 'dismissed'], ['e', 'escalated'], ['r', 'resolved']]) {
      await page.keyboard.press('j');  // the keyboard moves the selection too
      const flagId = await review(key, `worked in the browser test: ${state}`, user);
      await page.waitForFunction((id) => !document.querySelector(`#queue li[data-flag-id="${id}"]`),
        flagId);
      worked[flagId] = state;
    }
    expect(Object.keys(worked).length === 3, `worked ${JSON.stringify(worked)}`);
    for (const [flagId, state] of Object.entries(worked)) {
      const ids = await page.evaluate(async (s) => (await (await fetch(
        `/api/v1/flags?state=${s}&page_size=100`)).json()).flags.map((f) => f.flag_id), state);
      expect(ids.includes(flagId), `${flagId} is not ${state}`);
    }
    await logInAs(user, token, 'compliance');
  });
}

await check('search finds posts with snippets and facets', async () => {
  await page.goto(`${base}/#/search`);
  await page.fill('#search-form input[name=q]', 'reconciliation');
  await page.click('#search-form button[type=submit]');
  await page.waitForSelector('#results[data-query="reconciliation"] #hits li.hit');
  expect((await count('#hits li.hit mark')) > 0, 'no highlighted snippet');
  expect((await count('#facets section')) >= 3, 'fewer than three facets');
});

const total = async () => Number((await text('#search-status')).match(/about (\d+)/)[1]);

await check('a facet narrows the search', async () => {
  await page.fill('#search-form input[name=q]', 'source:slack');
  await page.click('#search-form button[type=submit]');
  await page.waitForSelector('#results[data-query="source:slack"] #hits li.hit');
  const before = await total();
  await page.click('#facets section:has(h3:text-is("author")) li a');
  await page.waitForSelector('#results[data-query*="author:"]');
  const after = await total();
  expect(after > 0 && after < before, `before ${before}, after ${after}`);
});

await check('a date range keeps only posts of those days', async () => {
  const day = (await text('#hits li.hit time')).slice(0, 10);
  await page.fill('#search-form input[name=q]', 'source:slack');
  await page.fill('#search-form input[name=from]', day);
  await page.fill('#search-form input[name=to]', day);
  await page.click('#search-form button[type=submit]');
  await page.waitForSelector(`#results[data-query="source:slack ${day}..${day}"]`);
  const times = await page.$$eval('#hits li.hit time', (t) => t.map((e) => e.textContent));
  expect(times.length > 0 && times.every((t) => t.startsWith(day)), `${day}: ${times}`);
});

await check('the dashboard draws flags per policy over time', async () => {
  await page.goto(`${base}/#/dashboard`);
  await page.waitForSelector('#chart polyline');
  expect((await count('#chart polyline')) >= 2, 'fewer than two policies drawn');
  expect((await count('.legend tbody tr')) === (await count('#chart polyline')), 'legend');
});

const HOLD = 'Browser case <b>mallory</b>';

await check('compliance sees the holds page, not exports, and places a hold from it', async () => {
  expect(await page.isVisible('nav a[href="#/holds"]'), 'no Holds link');
  expect(!(await page.isVisible('nav a[href="#/exports"]')), 'an Exports link for compliance');
  await page.goto(`${base}/#/holds`);
  await page.waitForSelector('#hold-form');
  await page.fill('#hold-form input[name=name]', HOLD);
  await page.fill('#hold-form input[name=custodians]', 'mallory');
  await page.fill('#hold-form input[name=reason]', 'placed by the browser test');
  await page.click('#hold-form button[type=submit]');
  const item = page.locator('#holds li.hold.active', { hasText: 'Browser case' });
  await item.waitFor();
  expect((await item.locator('strong').textContent()) === HOLD, 'the hold name is not shown as text');
  expect((await count('#holds b')) === 0, 'the hold name became markup');
  expect((await item.textContent()).includes(`by ${user}`), await item.textContent());
});

await check('a POST with the cookie but no CSRF token is refused', async () => {
  const reply = await page.evaluate(async () => {
    const response = await fetch('/logout', { method: 'POST' });
    return { status: response.status, body: await response.json() };
  });
  expect(reply.status === 403, `status ${reply.status}`);
  expect(reply.body.error.includes('X-CSRF-Token'), JSON.stringify(reply.body));
});

await check('logout ends the session', async () => {
  await page.click('#logout');
  await page.waitForSelector('#login-form', { state: 'visible' });
  const status = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
  expect(status === 401, `session after logout: ${status}`);
  await page.reload();
  await page.waitForSelector('#login-form', { state: 'visible' });
});

if (legalUser) {
  await check('as legal, start an export of the hold and download its bundle', async () => {
    await page.fill('input[name=name]', legalUser);
    await page.fill('input[name=token]', legalToken);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#who', { state: 'visible' });
    expect(await page.isVisible('nav a[href="#/exports"]'), 'no Exports link for legal');
    expect(!(await page.isVisible('nav a[href="#/queue"]')), 'a Review queue link for legal');
    await page.goto(`${base}/#/exports`);
    await page.waitForSelector('#export-form');
    await page.fill('#export-form input[name=case]', 'Browser case');
    await page.selectOption('#export-hold', `hold:${HOLD}`);
    await page.click('#export-form button[type=submit]');
    const done = page.locator('#exports li.export[data-state=done]', { hasText: 'Browser case' });
    await done.waitFor({ timeout: 60000 });
    const link = done.locator('a.download');
    const bytes = Number(await link.getAttribute('data-bytes'));
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = readFileSync(await download.path());
    expect(file.length === bytes && bytes > 0, `downloaded ${file.length} bytes, advertised ${bytes}`);
    expect(file.subarray(0, 2).toString() === 'PK', 'the download is no zip');
    expect(/^Browser-case-[0-9a-f]{8}\.zip$/.test(download.suggestedFilename()),
      download.suggestedFilename());
  });

  await check('as legal, export the posts with open flags at that head: same head, same bytes', async () => {
    const first = page.locator('#exports li.export[data-state=done]', { hasText: 'Browser case' });
    const headText = await first.locator('.meta', { hasText: 'cut at the signed head' }).innerText();
    const head = Number(/signed head of (\d+) records/.exec(headText)[1]);
    const states = [];
    for (const name of ['Open flags A', 'Open flags B']) {
      await page.fill('#export-form input[name=case]', 'Open flags');
      await page.selectOption('#export-hold', 'flags:open');
      await page.fill('#export-head', String(head));
      await page.click('#export-form button[type=submit]');
      await page.waitForFunction((n) =>
        document.querySelectorAll('#exports li.export[data-state=done]').length >= n, states.length + 2,
      { timeout: 60000 });
      states.push(name);
    }
    const done = page.locator('#exports li.export[data-state=done]', { hasText: 'posts with open flags' });
    expect(await done.count() === 2, `open-flag exports done: ${await done.count()}`);
    const sums = await done.locator('code.sha256').allInnerTexts();
    expect(sums[0] === sums[1] && /^[0-9a-f]{64}$/.test(sums[0]), `zip SHA-256s: ${sums.join(', ')}`);
    const cut = await done.first().locator('.meta', { hasText: 'cut at the signed head' }).innerText();
    expect(cut.includes(`signed head of ${head} records`), cut);
  });
}

await check('nothing was loaded from another origin and no script failed', async () => {
  expect(foreign.length === 0, `requests: ${foreign.join(', ')}`);
  expect(pageErrors.length === 0, `errors: ${pageErrors.join('; ')}`);
});

await browser.close();
console.log(`web: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
