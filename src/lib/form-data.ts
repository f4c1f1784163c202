/**
 * A text field of a posted form. `FormData.get` returns a string, a File or null; a File
 * where text is expected (a crafted request) is treated as missing rather than turned
 * into "[object File]".
 */
export function formText(form: FormData, name: string, fallback = ''): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : fallback;
}
