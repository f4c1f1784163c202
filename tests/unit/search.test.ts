import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	accessLogSearch,
	companySearch,
	nationalSearch,
	pageSearch,
	qualificationSearch,
	qualificationVersionSearch,
	redirectSearch,
	trajectoryListSearch,
	workProcessSearch
} from '../../src/lib/schemas/search';
import { readSearch } from '../../src/lib/server/search';

const url = (query: string) => new URL(`http://localhost/x${query}`);

describe('readSearch (query strings through zod)', () => {
	it('reads the parameters the schema names, first value of a repeated key', () => {
		expect(readSearch(url('?redirectTo=/a&redirectTo=/b&other=1'), redirectSearch)).toEqual({
			redirectTo: '/a'
		});
		expect(readSearch(url(''), redirectSearch)).toEqual({});
	});

	it('drops a parameter that does not fit, so the default applies', () => {
		const schema = z.object({ n: z.coerce.number().int().optional(), s: z.string().optional() });
		expect(readSearch(url('?n=abc&s=x'), schema)).toEqual({ s: 'x' });
	});

	it('pages, levels and versions as the pages read them before', () => {
		expect(readSearch(url('?pagina=3'), pageSearch).pagina).toBe(3);
		expect(readSearch(url('?pagina=-2'), pageSearch).pagina).toBe(1);
		expect(readSearch(url('?pagina=x'), pageSearch).pagina).toBe(1);
		expect(readSearch(url(''), pageSearch).pagina).toBe(1);
		expect(readSearch(url(`?q=${'a'.repeat(150)}&niveau=2`), qualificationSearch)).toEqual({
			q: 'a'.repeat(100),
			niveau: 2,
			sectorkamer: null
		});
		expect(readSearch(url('?niveau=x&sectorkamer=0'), qualificationSearch)).toEqual({
			q: '',
			niveau: null,
			sectorkamer: null
		});
		expect(readSearch(url('?versie=4'), qualificationVersionSearch).versie).toBe(4);
		expect(readSearch(url('?versie=nee'), qualificationVersionSearch).versie).toBeUndefined();
	});

	it('trajectory list, national measure, access log period, companies, work process', () => {
		expect(readSearch(url('?status=paused&stilgevallen=1&pagina=2'), trajectoryListSearch)).toEqual(
			{
				status: 'paused',
				stilgevallen: '1',
				pagina: 2
			}
		);
		expect(readSearch(url('?status=deleted'), trajectoryListSearch)).toEqual({
			status: null,
			pagina: 1
		});
		expect(readSearch(url('?maat=llo'), nationalSearch).maat).toBe('llo');
		expect(readSearch(url('?maat=drop table'), nationalSearch).maat).toBe('red');
		expect(readSearch(url(''), nationalSearch).maat).toBe('red');
		// A real calendar date or nothing: 30 February filters nothing.
		expect(readSearch(url('?van=2024-02-29&tot=2025-02-30&pagina=99999'), accessLogSearch)).toEqual(
			{
				van: '2024-02-29',
				tot: null,
				pagina: 10_000
			}
		);
		expect(readSearch(url(`?q=  ${'b'.repeat(120)}`), companySearch)).toEqual({
			q: 'b'.repeat(100),
			pagina: 1
		});
		expect(readSearch(url('?werkproces=12'), workProcessSearch).werkproces).toBe(12);
		expect(readSearch(url('?werkproces=-3'), workProcessSearch).werkproces).toBe(0);
	});
});
