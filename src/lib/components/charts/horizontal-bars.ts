import type { ChartConfiguration, ChartDataset } from 'chart.js';
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

export function horizontalBarOptions(o: {
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
