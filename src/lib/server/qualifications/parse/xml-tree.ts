import { SaxesParser } from 'saxes';
import { QualificationImportError } from './errors';

/** A minimal read-only element tree: enough for SBB's export, with source positions. */
export interface XmlElement {
	readonly name: string;
	readonly attributes: Readonly<Record<string, string>>;
	readonly children: XmlElement[];
	/** Direct character data (text and CDATA) of this element, not of its descendants. */
	text: string;
	/** 1-based line of the start tag. */
	readonly line: number;
	readonly parent: XmlElement | null;
}

/** SBB's export nests about 12 deep; anything far deeper is not one (and could exhaust the stack). */
const MAX_DEPTH = 100;
/**
 * SBB's dossiers have one to two thousand elements and about as many attributes each; an
 * export of the whole structure within the 20 MB upload limit stays far below these. A
 * file of millions of empty elements (a few bytes each) is refused while streaming,
 * before the tree exhausts the memory.
 */
export const MAX_ELEMENTS = 200_000;
export const MAX_ATTRIBUTES = 400_000;

/** Internal signal to stop parsing at once; turned into a QualificationImportError. */
class StopParsing extends Error {
	constructor(readonly reason: QualificationImportError) {
		super(reason.message);
	}
}

/**
 * Parses well-formed XML 1.0 (saxes: strict, no DTD entity expansion) into a tree. The
 * root element must be `rootName`; this is checked as soon as it is seen.
 */
export function readXmlTree(xml: string, rootName: string, fileName?: string): XmlElement {
	const parser = new SaxesParser({ position: true });
	const stack: XmlElement[] = [];
	let root: XmlElement | null = null;
	let startLine = 1;
	let elements = 0;
	let attributes = 0;

	parser.on('error', (err) => {
		// saxes prefixes its message with "line:column: "; we report those separately.
		const message = err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '');
		throw new StopParsing(
			new QualificationImportError('not_xml', {
				line: parser.line,
				column: parser.column + 1,
				value: message,
				fileName
			})
		);
	});
	const tooMany = (max: number) =>
		new StopParsing(
			new QualificationImportError('too_many_elements', {
				line: parser.line,
				value: String(max),
				fileName
			})
		);
	parser.on('opentagstart', () => {
		startLine = parser.line;
		if (++elements > MAX_ELEMENTS) throw tooMany(MAX_ELEMENTS);
	});
	parser.on('attribute', () => {
		if (++attributes > MAX_ATTRIBUTES) throw tooMany(MAX_ATTRIBUTES);
	});
	parser.on('opentag', (tag) => {
		const parent = stack.at(-1) ?? null;
		if (!parent && tag.name !== rootName) {
			throw new StopParsing(
				new QualificationImportError('wrong_root', {
					element: tag.name,
					line: startLine,
					value: tag.name,
					fileName
				})
			);
		}
		if (stack.length >= MAX_DEPTH) {
			throw new StopParsing(
				new QualificationImportError('not_xml', {
					element: tag.name,
					line: startLine,
					value: `elements nested more than ${MAX_DEPTH} deep`,
					fileName
				})
			);
		}
		const element: XmlElement = {
			name: tag.name,
			attributes: tag.attributes as Record<string, string>,
			children: [],
			text: '',
			line: startLine,
			parent
		};
		if (parent) parent.children.push(element);
		else root = element;
		if (!tag.isSelfClosing) stack.push(element);
	});
	parser.on('closetag', (tag) => {
		if (!tag.isSelfClosing) stack.pop();
	});
	const onText = (text: string) => {
		const current = stack.at(-1);
		if (current) current.text += text;
	};
	parser.on('text', onText);
	parser.on('cdata', onText);

	try {
		parser.write(xml).close();
	} catch (err) {
		if (err instanceof StopParsing) throw err.reason;
		throw new QualificationImportError('not_xml', {
			line: parser.line,
			value: err instanceof Error ? err.message : String(err),
			fileName
		});
	}
	if (!root) throw new QualificationImportError('not_xml', { value: 'no root element', fileName });
	return root;
}

/** The element's children with this name, in document order. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
	return element.children.filter((c) => c.name === name);
}

/** The first element reached by following child names, or null. */
export function child(element: XmlElement, ...names: string[]): XmlElement | null {
	let current: XmlElement | undefined = element;
	for (const name of names) {
		current = current.children.find((c) => c.name === name);
		if (!current) return null;
	}
	return current;
}

/** Every descendant (not the element itself), depth-first in document order. */
export function* descendants(element: XmlElement): Generator<XmlElement> {
	const pending = [...element.children].reverse();
	for (let e = pending.pop(); e; e = pending.pop()) {
		yield e;
		for (let i = e.children.length - 1; i >= 0; i--) pending.push(e.children[i]);
	}
}

/**
 * A readable location such as `dossier[nr=2755]/profielen/profiel[2]`: elements with an
 * `nr` are named by it, others by their position among same-named siblings when there is
 * more than one. The root `<sbb>` and its `<dossiers>` are left out.
 */
export function elementPath(element: XmlElement): string {
	const segments: string[] = [];
	for (let e: XmlElement | null = element; e?.parent; e = e.parent) {
		if (e.name === 'dossiers' && !e.parent.parent) continue;
		segments.unshift(segment(e, e.parent));
	}
	return segments.join('/');
}

function segment(e: XmlElement, parent: XmlElement): string {
	const nr = e.attributes.nr;
	if (nr) return `${e.name}[nr=${nr}]`;
	const same = parent.children.filter((c) => c.name === e.name);
	return same.length > 1 ? `${e.name}[${same.indexOf(e) + 1}]` : e.name;
}
