/** Conversions of SBB's textual values. Each returns undefined when the value is not valid. */

/** A title: every run of whitespace (stray doubles, newlines, nbsp) becomes one space; trimmed. */
export function normaliseTitle(value: string): string {
	return value.replace(/\s+/g, ' ').trim();
}

/**
 * A longer text: CRLF/CR become LF; spaces and tabs within a line collapse to one and
 * lines are trimmed; more than one empty line in a row becomes one; the whole is trimmed.
 * Line breaks are kept (SBB uses them for "- " lists).
 */
export function normaliseText(value: string): string {
	return value
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** `dd-mm-yyyy` (as in `Geldig_vanaf="01-08-2015"`) → `yyyy-mm-dd`; empty → null. */
export function parseDutchDate(value: string): string | null | undefined {
	const v = value.trim();
	if (v === '') return null;
	const m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(v);
	if (!m) return undefined;
	const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	if (
		date.getUTCFullYear() !== year ||
		date.getUTCMonth() !== month - 1 ||
		date.getUTCDate() !== day
	)
		return undefined;
	return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A decimal with a comma (`1,10`) or a point (`1.0`); empty → null. */
export function parseDecimal(value: string): number | null | undefined {
	const v = value.trim();
	if (v === '') return null;
	if (!/^\d+(?:[.,]\d+)?$/.test(v)) return undefined;
	return Number(v.replace(',', '.'));
}

/** A whole number ≥ 0 (e.g. `sbu`); empty → null. */
export function parseWholeNumber(value: string): number | null | undefined {
	const v = value.trim();
	if (v === '') return null;
	if (!/^\d{1,9}$/.test(v)) return undefined;
	return Number(v);
}

/** A `hoofdstuk` (chapter) number: a whole number ≥ 1. */
export function parseChapter(value: string): number | undefined {
	const v = value.trim();
	if (!/^\d{1,4}$/.test(v)) return undefined;
	const n = Number(v);
	return n >= 1 ? n : undefined;
}

/** A crebo number: five digits. */
export function parseCrebo(value: string): string | undefined {
	const v = value.trim();
	return /^\d{5}$/.test(v) ? v : undefined;
}
