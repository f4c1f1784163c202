/**
 * CSV for Excel as used in the Netherlands: UTF-8 with a byte-order mark (without it
 * Excel reads the file as Windows-1252), semicolons between fields (Dutch Excel uses
 * the comma as decimal separator), every field quoted, CRLF line ends.
 *
 * Cells that a spreadsheet would run as a formula (starting with = + - @, or a tab or
 * carriage return) get a leading apostrophe: "CSV injection" (OWASP).
 */
export type CsvValue = string | number | boolean | null | undefined;

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
	if (value === null || value === undefined) return '""';
	let text = String(value);
	if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
	const lines = [header, ...rows].map((row) => row.map(csvCell).join(CSV_SEPARATOR));
	return CSV_BOM + lines.join('\r\n') + '\r\n';
}
