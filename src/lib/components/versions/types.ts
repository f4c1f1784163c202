/** One version of a versioned platform text, with how much uses it (`count`). */
export interface VersionRow {
	id: number;
	number: number;
	status: 'draft' | 'published';
	publishedAt: Date | null;
	count: number;
}
