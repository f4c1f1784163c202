import { expect, test, type Page } from '@playwright/test';
import { login } from './helpers';

/**
 * One click, one record (issue 16). A double click on a create button, and two identical
 * posts of one form at the same moment (what a double click without JavaScript, or a
 * resubmit after Back, sends), store one record. Uses Kees at Van Dijk, whose profile
 * no other spec changes (no self-assessment in the demo data).
 */
const VANDIJK = 'bouwbedrijf-van-dijk';
const KEES = 'opleider@vandijkbouw.example';

/**
 * The page's form for `action` as the browser would send it, twice at the same moment
 * (no JavaScript needed on the server's side: the token in the form decides); the
 * result types of both answers.
 */
async function postTwiceAtOnce(page: Page, action: string): Promise<string[]> {
	return page.evaluate(async (action) => {
		const form = document.querySelector<HTMLFormElement>(`form[action="?/${action}"]`)!;
		const body = new URLSearchParams(
			[...new FormData(form)].map(
				([k, v]) => [k, typeof v === 'string' ? v : v.name] as [string, string]
			)
		);
		const send = () =>
			fetch(`${location.pathname}?/${action}`, {
				method: 'POST',
				body,
				headers: { 'x-sveltekit-action': 'true' }
			}).then(async (r) => (await r.json()) as { type: string });
		return (await Promise.all([send(), send()])).map((r) => r.type);
	}, action);
}

test('a double click on "Activiteit toevoegen" adds one activity; busy while pending', async ({
	page
}) => {
	await login(page, KEES);
	await page.goto(`/o/${VANDIJK}/praktijkopleider/profiel/ontwikkeling`);
	const title = `Intervisie ${Date.now().toString(36)}`;
	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Aantal uren').fill('2');
	const button = page.getByRole('button', { name: 'Activiteit toevoegen' });
	await button.dblclick();
	await expect(page.getByText('De activiteit is toegevoegd.')).toBeVisible();
	await expect(page.getByRole('rowheader', { name: title })).toHaveCount(1);
	await page.reload();
	await expect(page.getByRole('rowheader', { name: title })).toHaveCount(1);
	// The next activity is a new one: the page carries a new token after the save.
	await page.getByLabel('Titel').fill(`${title} deel 2`);
	await page.getByLabel('Aantal uren').fill('2');
	await button.click();
	await expect(page.getByRole('rowheader', { name: `${title} deel 2` })).toHaveCount(1);
});

test('two identical posts of "Zelfbeoordeling indienen" at once store one round', async ({
	page
}) => {
	await login(page, KEES);
	await page.goto(`/o/${VANDIJK}/praktijkopleider/profiel`);
	await expect(page.getByText('Nog geen ingediende zelfbeoordeling.')).toBeVisible();
	await page.goto(`/o/${VANDIJK}/praktijkopleider/profiel/zelfbeoordeling`);
	for (const radio of await page.getByRole('radio', { name: 'Goed' }).all()) await radio.check();
	expect(await postTwiceAtOnce(page, 'submit')).toEqual(['success', 'success']);
	await page.goto(`/o/${VANDIJK}/praktijkopleider/profiel`);
	await expect(page.getByText(/^Eén zelfbeoordeling, ingediend op/)).toBeVisible();
});

test('two identical posts of "Activiteit toevoegen" at once add one activity', async ({ page }) => {
	await login(page, KEES);
	await page.goto(`/o/${VANDIJK}/praktijkopleider/profiel/ontwikkeling`);
	const title = `Webinar ${Date.now().toString(36)}`;
	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Aantal uren').fill('1');
	expect(await postTwiceAtOnce(page, 'activity')).toEqual(['success', 'success']);
	await page.reload();
	await expect(page.getByRole('rowheader', { name: title })).toHaveCount(1);
});
