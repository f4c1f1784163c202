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
