/**
 * The ids a field's input points to with aria-describedby: its hint and its error, when
 * shown. Shared by the field components (TextField, TextareaField, DateField, …), which all
 * name them `<id>-hint` and `<id>-error`.
 */
export function describedBy(
	id: string,
	hint: string | null | undefined,
	errors: string[] | null | undefined
): string | undefined {
	return (
		[hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') ||
		undefined
	);
}

/**
 * What every labelled field takes beside its value (TextField, TextareaField, SelectField,
 * DateField); Field draws them. The input's id is `id`, else `field-<name>`.
 */
export interface FieldProps {
	label: string;
	name: string;
	errors?: string[] | null;
	hint?: string;
	/** Needed only when the same name occurs in two forms on one page. */
	id?: string;
}
