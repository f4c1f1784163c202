import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { checkZip } from '../../src/lib/server/files/zip';
import { expectAccessible, login } from './helpers';

/**
 * Issue 18 as a learner sees it: HR opens her trajectory; she finds that view under "Wie
 * bekeek mijn gegevens" (by HR, as HR, on her trajectory), filters by period, and
 * downloads everything Vakmaat holds about her as a zip, through a link that works once.
 */
test('a learner sees who viewed her data and downloads all of it', async ({ page, browser }) => {
	test.setTimeout(90_000);
	// Her trajectory page, as she opens it (her own view is not recorded).
	await login(page, 'lerende@delinde.example');
	await page.getByRole('heading', { level: 2 }).getByRole('link').first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Fatima Yilmaz' })).toBeVisible();
	const trajectoryUrl = new URL(page.url()).pathname;

	// HR reads it.
	const hrContext = await browser.newContext();
	const hr = await hrContext.newPage();
	await login(hr, 'hr@delinde.example');
	await hr.goto(trajectoryUrl);
	await expect(hr.getByRole('heading', { level: 1, name: 'Fatima Yilmaz' })).toBeVisible();
	// The trajectory's sub-pages are reads of her record too.
	for (const sub of ['bewijs', 'praktijkverklaring']) {
		const res = await hr.goto(`${trajectoryUrl}/${sub}`);
		expect(res?.status()).toBe(200);
	}
	await hrContext.close();

	// The access log, from her account page.
	await page.goto('/account');
	await page.getByRole('link', { name: 'Wie bekeek mijn gegevens' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Wie bekeek mijn gegevens' })
	).toBeVisible();
	// Her latest view by HR (newest first). Other specs running at the same time may add
	// views by others of her record (her trainer opening their conversation), so not simply
	// the table's first row.
	const first = page
		.getByRole('table')
		.getByRole('row')
		.filter({ hasText: 'Marieke Jansen' })
		.first();
	await expect(first).toContainText('Marieke Jansen');
	await expect(first).toContainText('HR');
	await expect(first).toContainText('Zorggroep De Linde');
	await expect(page.getByRole('table')).toContainText('Leertraject bekeken');
	await expect(page.getByRole('table')).toContainText('Bewijsstukken bekeken');
	await expect(first).toContainText('Praktijkverklaring bekeken');
	await expect(page.getByRole('table')).not.toContainText('Fatima Yilmaz');
	await expectAccessible(page);

	// A period long ago: nobody.
	await page.getByLabel('Van', { exact: true }).fill('2020-01-01');
	await page.getByLabel('Tot en met').fill('2020-01-31');
	await page.getByRole('button', { name: 'Toon' }).click();
	await expect(page).toHaveURL(/van=2020-01-01&tot=2020-01-31/);
	await expect(
		page.getByText('Niemand anders heeft in deze periode je gegevens bekeken of gewijzigd.')
	).toBeVisible();
	await page.getByRole('link', { name: 'Alles tonen' }).click();
	await expect(page.getByRole('table')).toContainText('Marieke Jansen');

	// Everything about me.
	await page.getByRole('link', { name: 'Mijn gegevens' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeVisible();
	await expectAccessible(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download mijn gegevens (zip)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^vakmaat-mijn-gegevens-\d{4}-\d{2}-\d{2}\.zip$/);
	const bytes = readFileSync(await download.path());
	const zip = await checkZip(bytes);
	if (!zip.ok) throw new Error(zip.detail);
	const names = zip.entries.map((e) => e.name);
	expect(names).toContain('README.txt');
	expect(names).toContain('gegevens.json');
	expect(names.some((n) => n.startsWith('bewijs/'))).toBe(true);
	const json = zip.entries.find((e) => e.name === 'gegevens.json')!;
	const raw = bytes.subarray(json.dataOffset, json.dataOffset + json.compressedSize);
	const doc = JSON.parse((json.method === 0 ? raw : inflateRawSync(raw)).toString('utf8')) as {
		account: { name: string };
		audit: { aboutMe: { by: string }[] };
	};
	expect(doc.account.name).toBe('Fatima Yilmaz');
	expect(doc.audit.aboutMe.map((e) => e.by)).toContain('Marieke Jansen');
	// The page stayed; the link works once.
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeVisible();
	const again = await page.request.get(download.url(), { maxRedirects: 0 });
	expect(again.status()).toBe(410);
});
