import type { Chart, ChartConfiguration, ChartDataset } from 'chart.js';
import { lazyChart, type LazyChart } from './lazy-chart.svelte';
import { chartColor, labelWidth, wrapLabel, type ChartToken } from './theme';

type BarOptions = NonNullable<ChartConfiguration<'bar'>['options']>;

/**
 * What BarChart and CompareBarChart share: horizontal bars (categories on the y axis,
 * their labels wrapped to the chart's width so a long kerntaak title stays readable on a
 * phone) on a fixed x scale, and one look per dataset.
 */
export function barDataset(
	label: string,
	data: number[],
	style: { color: ChartToken; thickness: number; radius: number }
): ChartDataset<'bar'> {
	return {
		label,
		data,
		backgroundColor: chartColor(style.color),
		borderRadius: style.radius,
		maxBarThickness: style.thickness
	};
}

function horizontalBarOptions(o: {
	/** The x axis: 0 to `max`, with these tick options. */
	max: number;
	ticks: { stepSize?: number; callback?: (value: string | number) => string };
	/** The category labels (read when chart.js draws them). */
	labels: () => string[];
	/** The canvas width in px, for the label wrapping. */
	width: () => number;
	plugins: BarOptions['plugins'];
}): BarOptions {
	return {
		indexAxis: 'y',
		scales: {
			x: { min: 0, max: o.max, ticks: { color: chartColor('muted'), ...o.ticks } },
			y: {
				ticks: {
					color: chartColor('ink'),
					callback: (_, i) => wrapLabel(o.labels()[i] ?? '', labelWidth(o.width()))
				}
			}
		},
		plugins: o.plugins
	};
}

/**
 * A horizontal bar chart's lifecycle (lazyChart): one category per label, the datasets
 * beside them, and the options above with the labels wrapped to the canvas's width.
 * Call it while the component initialises.
 */
export function lazyHorizontalBars(chart: {
	load: () => Promise<{ Chart: typeof Chart }>;
	labels: () => string[];
	datasets: () => ChartDataset<'bar'>[];
	options: () => Pick<Parameters<typeof horizontalBarOptions>[0], 'max' | 'ticks' | 'plugins'>;
}): LazyChart {
	return lazyChart({
		type: 'bar',
		load: chart.load,
		data: () => ({ labels: chart.labels(), datasets: chart.datasets() }),
		options: (canvas) =>
			horizontalBarOptions({
				...chart.options(),
				labels: chart.labels,
				width: () => canvas?.clientWidth ?? 600
			})
	});
}
