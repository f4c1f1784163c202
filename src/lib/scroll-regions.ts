/**
 * Tables sit in a `.table-wrap` box that scrolls sideways on a narrow screen (app.css). A
 * box that scrolls must be reachable by keyboard (WCAG 2.1.1; axe: scrollable-region-
 * focusable), so every such box that actually overflows gets `tabindex="0"` and loses it
 * again when it fits. One watcher for the whole app (root layout), so a table added later
 * needs nothing; it follows new content (form results, navigation) and resizes. Without
 * JavaScript nothing scrolls into view by keyboard, but the page still scrolls as a whole.
 */
export function watchScrollRegions(root: HTMLElement = document.body): () => void {
	let queued = false;
	const update = () => {
		queued = false;
		for (const box of root.querySelectorAll<HTMLElement>('.table-wrap')) {
			if (box.scrollWidth > box.clientWidth + 1) {
				if (box.tabIndex !== 0) box.tabIndex = 0;
			} else if (box.hasAttribute('tabindex')) {
				box.removeAttribute('tabindex');
			}
		}
	};
	const schedule = () => {
		if (queued) return;
		queued = true;
		requestAnimationFrame(update);
	};
	update();
	const observer = new MutationObserver(schedule);
	observer.observe(root, { childList: true, subtree: true });
	window.addEventListener('resize', schedule);
	return () => {
		observer.disconnect();
		window.removeEventListener('resize', schedule);
	};
}
