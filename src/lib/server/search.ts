import type { z } from 'zod';

/**
 * The query string of `url`, read through `schema` instead of cast (issue 17). A parameter
 * that does not fit its field is dropped, so the field's default (or `undefined`) applies:
 * a crafted or outdated link shows the page unfiltered rather than an error. A key that
 * occurs twice counts with its first value, as `URLSearchParams.get` does.
 */
export function readSearch<S extends z.ZodObject<z.ZodRawShape>>(url: URL, schema: S): z.infer<S> {
	const raw: Record<string, string> = {};
	for (const key of Object.keys(schema.shape)) {
		const value = url.searchParams.get(key);
		if (value !== null) raw[key] = value;
	}
	let result = schema.safeParse(raw);
	// Each pass drops the parameters that failed; a schema whose fields all accept a missing
	// value is done within one pass per field.
	for (let pass = 0; !result.success && pass < Object.keys(raw).length; pass++) {
		for (const issue of result.error.issues) delete raw[String(issue.path[0])];
		result = schema.safeParse(raw);
	}
	if (!result.success) throw new Error('readSearch: the schema must accept missing parameters');
	return result.data;
}
