import { onMount } from 'svelte';
import type { Chart, ChartConfiguration, ChartOptions, ChartType } from 'chart.js';

export type ChartStatus = 'loading' | 'ready' | 'failed';

/** A chart being drawn: ChartFigure binds its canvas and shows its status. */
export interface LazyChart {
	readonly status: ChartStatus;
	canvas: HTMLCanvasElement | undefined;
}

/**
 * The lifecycle every chart component shares. chart.js is imported lazily in the browser
 * (`load`: a module of this folder that registers only the parts that chart uses, so it
 * is its own chunk), drawn once the component is mounted, given new data in place when
 * the props change, and destroyed with the component. ChartFigure draws it on its own
 * `canvas` (`<ChartFigure {chart} …>`) and shows its `status`: while
 * loading, or if the chunk fails to load, the table underneath carries the figures.
 * Animation is off for users who prefer reduced motion.
 *
 * Call it while the component initialises (it registers onMount and an effect).
 */
export function lazyChart<T extends ChartType>(chart: {
	type: T;
	load: () => Promise<{ Chart: typeof Chart }>;
	data: () => ChartConfiguration<T>['data'];
	/** `canvas`: for options that depend on its size. */
	options: (canvas: HTMLCanvasElement | undefined) => ChartOptions<T>;
}): LazyChart {
	let status = $state<ChartStatus>('loading');
	let canvas = $state<HTMLCanvasElement>();
	let instance: Chart<T> | null = null;

	onMount(() => {
		let destroyed = false;
		const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
		chart
			.load()
			.then(({ Chart }) => {
				if (destroyed || !canvas) return;
				instance = new Chart<T>(canvas, {
					type: chart.type,
					data: chart.data(),
					options: {
						responsive: true,
						maintainAspectRatio: false,
						animation: reducedMotion ? false : { duration: 300 },
						...chart.options(canvas)
					}
				});
				status = 'ready';
			})
			.catch(() => {
				status = 'failed';
			});
		return () => {
			destroyed = true;
			instance?.destroy();
			instance = null;
		};
	});

	// New figures (another filter, a new round) update the chart in place.
	$effect(() => {
		const data = chart.data();
		if (!instance) return;
		instance.data = data;
		instance.update();
	});

	return {
		get status() {
			return status;
		},
		get canvas() {
			return canvas;
		},
		set canvas(el) {
			canvas = el;
		}
	};
}
