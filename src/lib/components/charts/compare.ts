/**
 * chart.js for bar charts with a legend (then and now), only those parts registered.
 * Imported dynamically by CompareBarChart.svelte: its own lazy chunk.
 */
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	Tooltip
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export { Chart };
