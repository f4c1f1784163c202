/**
 * `Content-Disposition: attachment` for any file name (RFC 6266): an ASCII fallback in
 * `filename` and the exact name in `filename*` (RFC 5987, UTF-8). Header values must be
 * Latin-1 without line breaks; a name with other characters would make the response throw.
 */
export function attachment(fileName: string): string {
	const ascii = fileName
		.normalize('NFKD')
		.replace(/[^\x20-\x7e]/g, '')
		.replace(/["\\]/g, '_')
		.trim();
	const exact = encodeURIComponent(fileName).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${ascii || 'bestand'}"; filename*=UTF-8''${exact}`;
}
