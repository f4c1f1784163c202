/**
 * chart.js for bar charts, with only the parts a bar chart uses registered. Imported
 * dynamically by BarChart.svelte in the browser: its own lazy chunk.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export { Chart };
