/**
 * Chart colours come from the design tokens in src/app.css (a canvas cannot use CSS
 * custom properties itself, so they are read once the chart is drawn, in the browser).
 */
export type ChartToken =
	'chart-1' | 'chart-2' | 'chart-3' | 'chart-muted' | 'ink' | 'muted' | 'line';

/** The value of a colour token, e.g. `chartColor('chart-1')`; undefined outside a browser. */
export function chartColor(token: ChartToken): string | undefined {
	if (typeof document === 'undefined') return undefined;
	const value = getComputedStyle(document.documentElement).getPropertyValue(`--${token}`).trim();
	return value || undefined;
}

/**
 * A long axis label as lines of at most `max` characters (chart.js draws an array as
 * several lines), so a kerntaak title wraps on a phone instead of being cut off. A single
 * word longer than `max` is split.
 */
export function wrapLabel(text: string, max: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (let word of text.split(/\s+/).filter(Boolean)) {
		while (word.length > max) {
			if (line) {
				lines.push(line);
				line = '';
			}
			lines.push(word.slice(0, max));
			word = word.slice(max);
		}
		if (!line) line = word;
		else if (line.length + 1 + word.length <= max) line += ' ' + word;
		else {
			lines.push(line);
			line = word;
		}
	}
	if (line) lines.push(line);
	return lines.length ? lines : [''];
}

/** Characters per label line for a chart `width` px wide: about a third of it for labels. */
export function labelWidth(width: number): number {
	return Math.max(12, Math.min(48, Math.floor(width / 3 / 7)));
}
