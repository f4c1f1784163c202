/** A timestamp as ISO 8601 in UTC for the personal-data export (null stays null). */
export const iso = (d: Date | string | null | undefined) =>
	d === null || d === undefined ? null : new Date(d).toISOString();
