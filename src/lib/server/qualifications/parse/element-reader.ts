import { QualificationImportError, type QualificationImportErrorDetails } from './errors';
import {
	normaliseText,
	normaliseTitle,
	parseChapter,
	parseCrebo,
	parseDecimal,
	parseDutchDate
} from './values';
import { child, elementPath, type XmlElement } from './xml-tree';

/**
 * Reading values from elements of one file: required and optional attributes, dates,
 * numbers, crebos; anything wrong is a QualificationImportError with the element's place
 * (line, path) and the file's name.
 */
export class ElementReader {
	constructor(protected readonly fileName: string | undefined) {}

	/** The crebo number, the element's text: five digits; may be empty unless required. */
	protected crebo(el: XmlElement, required: true): string;
	protected crebo(el: XmlElement, required: false): string | null;
	protected crebo(el: XmlElement, required: boolean): string | null {
		const text = el.text.trim();
		if (text === '' && !required) return null;
		const crebo = parseCrebo(text);
		if (crebo === undefined) this.fail('bad_value', el, { value: text });
		return crebo;
	}

	protected creboDates(el: XmlElement) {
		return {
			validFrom: this.dateAttr(el, 'Geldig_vanaf'),
			endIntake: this.dateAttr(el, 'Datum_einde_instroom'),
			endTraining: this.dateAttr(el, 'Datum_einde_opleiding'),
			priceFactor: this.decimalAttr(el, 'prijsfactor')
		};
	}

	protected dateAttr(el: XmlElement, name: string): string | null {
		const value = el.attributes[name];
		if (value === undefined) return null;
		const date = parseDutchDate(value);
		if (date === undefined) this.fail('bad_value', el, { attribute: name, value });
		return date;
	}

	protected date(el: XmlElement, value: string): string | null {
		const date = parseDutchDate(value);
		if (date === undefined) this.fail('bad_value', el, { value: value.trim() });
		return date;
	}

	protected decimalAttr(el: XmlElement, name: string): number | null {
		const value = el.attributes[name];
		if (value === undefined) return null;
		const n = parseDecimal(value);
		if (n === undefined) this.fail('bad_value', el, { attribute: name, value });
		return n;
	}

	protected chapter(el: XmlElement): number {
		const value = this.attr(el, 'hoofdstuk');
		const n = parseChapter(value);
		if (n === undefined) this.fail('bad_value', el, { attribute: 'hoofdstuk', value });
		return n;
	}

	/** A required attribute: present and not blank. Returned trimmed. */
	protected attr(el: XmlElement, name: string): string {
		const value = el.attributes[name]?.trim();
		if (!value) this.fail('missing_attribute', el, { attribute: name });
		return value;
	}

	/** An optional attribute: blank or absent → null. */
	protected optAttr(el: XmlElement, name: string): string | null {
		return el.attributes[name]?.trim() || null;
	}

	protected optTitleAttr(el: XmlElement, name: string): string | null {
		const value = el.attributes[name];
		return value === undefined ? null : normaliseTitle(value) || null;
	}

	protected requireChild(el: XmlElement, ...names: string[]): XmlElement {
		let current = el;
		for (const name of names) {
			const next = child(current, name);
			if (!next) this.fail('missing_element', current, { element: name });
			current = next;
		}
		return current;
	}

	protected fail(
		code: QualificationImportError['code'],
		el: XmlElement,
		details: QualificationImportErrorDetails
	): never {
		throw new QualificationImportError(code, {
			element: el.name,
			line: el.line,
			path: elementPath(el),
			...details,
			...(this.fileName === undefined ? {} : { fileName: this.fileName })
		});
	}
}

/** An element's own text, trimmed with its line breaks kept; '' for none. */
export function textOf(el: XmlElement | null | undefined): string {
	return el ? normaliseText(el.text) : '';
}
