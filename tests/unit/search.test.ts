import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	pageSearch,
	qualificationSearch,
	qualificationVersionSearch,
	redirectSearch
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
});
