import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelWidth, wrapLabel } from '../../src/lib/components/charts/theme';

/** Every .svelte, .ts and .css file under src (the generated message modules aside). */
function sources(dir = 'src'): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (path.startsWith(join('src', 'lib', 'paraglide'))) continue;
		if (statSync(path).isDirectory()) out.push(...sources(path));
		else if (/\.(svelte|ts|css)$/.test(name)) out.push(path);
	}
	return out;
}

/** The opening tags `<name …>` in a file, attributes with `{…}` expressions included. */
function tags(source: string, name: string): { tag: string; line: number }[] {
	const out: { tag: string; line: number }[] = [];
	const re = new RegExp(`<${name}\\b`, 'g');
	for (const match of source.matchAll(re)) {
		let depth = 0;
		let end = match.index + name.length + 1;
		for (; end < source.length; end++) {
			const c = source[end];
			if (c === '{') depth++;
			else if (c === '}') depth--;
			else if (c === '>' && depth === 0) break;
		}
		out.push({
			tag: source.slice(match.index, end + 1),
			line: source.slice(0, match.index).split('\n').length
		});
	}
	return out;
}

const TOKENS_FILE = join('src', 'app.css');

describe('design tokens', () => {
	it('keeps colour literals in the tokens file only', () => {
		const found: string[] = [];
		for (const file of sources()) {
			let text = readFileSync(file, 'utf8');
			// The tokens file: literals only inside its :root block.
			if (file === TOKENS_FILE) text = text.replace(/:root\s*\{[^}]*\}/, '');
			text.split('\n').forEach((line, i) => {
				if (
					/#[0-9a-fA-F]{3,8}\b(?![-\w])|\brgba?\(|\bhsla?\(/.test(
						line.replace(/href="#[^"]*"/g, '')
					)
				)
					found.push(`${file}:${i + 1}: ${line.trim()}`);
			});
		}
		expect(found, 'use a var(--token) from src/app.css').toEqual([]);
	});

	it('defines every token a component uses', () => {
		const css = readFileSync(TOKENS_FILE, 'utf8');
		const defined = new Set([...css.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));
		const missing = new Set<string>();
		for (const file of sources()) {
			for (const m of readFileSync(file, 'utf8').matchAll(/var\((--[\w-]+)/g)) {
				if (!defined.has(m[1])) missing.add(`${file}: ${m[1]}`);
			}
			for (const m of readFileSync(file, 'utf8').matchAll(/chartColor\('([\w-]+)'\)/g)) {
				if (!defined.has(`--${m[1]}`)) missing.add(`${file}: --${m[1]}`);
			}
		}
		expect([...missing]).toEqual([]);
	});
});

describe('form markup', () => {
	it('gives every <input> a type (one without renders as a small unstyled box)', () => {
		const untyped: string[] = [];
		for (const file of sources().filter((f) => f.endsWith('.svelte'))) {
			const text = readFileSync(file, 'utf8');
			for (const { tag, line } of tags(text, 'input')) {
				// TextField passes its type through {...rest} and defaults to text.
				if (!/\stype=|\{type\}/.test(tag)) untyped.push(`${file}:${line}`);
			}
			for (const { tag, line } of tags(text, 'TextField')) {
				if (/\stype=""/.test(tag)) untyped.push(`${file}:${line}`);
			}
		}
		expect(untyped).toEqual([]);
	});

	it('styles every text-like input type in the global stylesheet', () => {
		const css = readFileSync(TOKENS_FILE, 'utf8');
		for (const selector of [
			'input:not([type])',
			"input[type='text']",
			"input[type='email']",
			"input[type='number']",
			"input[type='url']",
			"input[type='date']",
			"input[type='datetime-local']",
			'textarea',
			'select'
		]) {
			expect(css, selector).toContain(selector);
		}
	});

	it('puts every table in a scroll container (a wide table never widens the page)', () => {
		const bare: string[] = [];
		for (const file of sources().filter((f) => f.endsWith('.svelte'))) {
			const text = readFileSync(file, 'utf8');
			for (const { line } of tags(text, 'table')) {
				const before = text
					.split('\n')
					.slice(0, line - 1)
					.join('\n')
					.trimEnd();
				if (!before.endsWith('<div class="table-wrap">')) bare.push(`${file}:${line}`);
			}
		}
		expect(bare).toEqual([]);
	});

	it('counts characters wherever free text has a maxlength (CharCount)', () => {
		const missing: string[] = [];
		for (const file of sources().filter((f) => f.endsWith('.svelte'))) {
			const text = readFileSync(file, 'utf8');
			const counters = tags(text, 'CharCount').map((c) => c.tag);
			for (const name of ['input', 'textarea']) {
				for (const { tag, line } of tags(text, name)) {
					const id = /\sid=("[^"]*"|\{[^}]*\})/.exec(tag)?.[1];
					if (!/\smaxlength=/.test(tag)) continue;
					// Free text counts; an address, a search term or a password does not need a counter.
					if (/\stype="(email|search|password|number|date|url)"/.test(tag)) continue;
					if (!id || !counters.some((c) => c.includes(`for=${id}`)))
						missing.push(`${file}:${line}`);
				}
			}
		}
		expect(missing, 'put <CharCount for={the field id} max={…} /> after it').toEqual([]);
	});
});

describe('chart labels', () => {
	it('wraps a long kerntaak title into lines instead of cutting it', () => {
		const lines = wrapLabel('B1-K1 Biedt zorg, ondersteuning en begeleiding aan cliënten', 20);
		expect(lines.every((l) => l.length <= 20)).toBe(true);
		expect(lines.join(' ')).toBe('B1-K1 Biedt zorg, ondersteuning en begeleiding aan cliënten');
		expect(wrapLabel('x'.repeat(45), 20)).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(5)]);
		expect(labelWidth(330)).toBeLessThan(labelWidth(1000));
	});
});
