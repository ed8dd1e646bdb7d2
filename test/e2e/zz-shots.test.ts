import { it } from 'vitest';
import { openDesigner } from './support/designer-session.js';

const OUT = '/tmp/fu2/';
it('shots', async () => {
  const s = await openDesigner(process.env['Q'] ?? '?example=word-count');
  const { page, d } = s;
  try {
    await page.waitForTimeout(3000);
    await page.screenshot({ path: OUT + '01-open.png' });
    for (const t of ['code', 'samples', 'problems']) {
      const tab = page.getByTestId('bottom-panel').locator(`[role="tab"][data-tab="${t}"]`);
      if (await tab.count()) { await tab.click(); await page.waitForTimeout(1500); await page.screenshot({ path: OUT + `02-bottom-${t}.png` }); }
    }
    const first = page.locator('.react-flow__node').first();
    await first.click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: OUT + '03-inspector.png' });
    await page.getByTestId('run-start').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="run-state"]')?.textContent === 'running', null, { timeout: 60000 });
    await page.waitForTimeout(2000);
    for (const name of ['Console', 'Producer', 'Stores', 'Topics', 'Taps']) {
      await page.getByTestId('run-dock').getByRole('tab', { name, exact: true }).click();
      await page.waitForTimeout(700);
      await page.screenshot({ path: OUT + `04-dock-${name}.png` });
    }
    await page.getByTestId('run-dock').getByRole('tab', { name: 'Producer', exact: true }).click();
    await page.getByTestId('producer-send').click();
    await page.waitForTimeout(2500);
    await page.screenshot({ path: OUT + '05-after-send.png' });
    await page.getByTestId('run-stop').click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: OUT + '06-stopped.png' });
    void d;
  } finally {
    await s.close();
  }
}, 240_000);
