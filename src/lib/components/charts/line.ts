/**
 * chart.js for line charts, with only the parts a line chart uses registered (no
 * `chart.js/auto`). Imported dynamically by LineChart.svelte in the browser, so it
 * lands in its own lazy chunk and never in the server bundle's hot path.
 */
import {
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
} from 'chart.js';

Chart.register(
	LineController,
	LineElement,
	PointElement,
	LinearScale,
	CategoryScale,
	Tooltip,
	Legend
);

export { Chart };
