import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, toCsv } from '../../src/lib/server/csv';

describe('CSV for Dutch Excel', () => {
	it('quotes every field and doubles quotes inside', () => {
		expect(csvCell('Linda Smit')).toBe('"Linda Smit"');
		expect(csvCell('De "Linde"')).toBe('"De ""Linde"""');
		expect(csvCell('a;b')).toBe('"a;b"');
		expect(csvCell('twee\r\nregels')).toBe('"twee\r\nregels"');
		expect(csvCell(12)).toBe('"12"');
		expect(csvCell(null)).toBe('""');
		expect(csvCell(undefined)).toBe('""');
	});

	it('starts with a BOM, separates with semicolons and ends lines with CRLF', () => {
		const csv = toCsv(
			['Naam', 'Voortgang (%)'],
			[
				['Ö. Çelik', 50],
				['Jan', null]
			]
		);
		expect(csv.startsWith(CSV_BOM)).toBe(true);
		expect(CSV_BOM).toBe('\uFEFF');
		expect(csv).toBe('\uFEFF"Naam";"Voortgang (%)"\r\n"Ö. Çelik";"50"\r\n"Jan";""\r\n');
		expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
	});

	it('defuses text a spreadsheet would run as a formula (CSV injection)', () => {
		expect(csvCell('=1+1')).toBe(`"'=1+1"`);
		expect(csvCell('+31 6 1234')).toBe(`"'+31 6 1234"`);
		expect(csvCell('-2+3')).toBe(`"'-2+3"`);
		expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
		expect(csvCell('\t=1')).toBe(`"'\t=1"`);
		expect(csvCell('\r=1')).toBe(`"'\r=1"`);
		expect(csvCell('=HYPERLINK("https://evil.example")')).toBe(
			`"'=HYPERLINK(""https://evil.example"")"`
		);
		// Only at the start; and numbers are numbers, not text.
		expect(csvCell('a=b')).toBe('"a=b"');
		expect(csvCell(-5)).toBe('"-5"');
	});
});
