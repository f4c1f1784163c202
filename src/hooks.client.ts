import { config } from 'zod/v4/core';

// zod compiles object parsers with `new Function` unless jitless; the page CSP (kit.csp in
// svelte.config.js) has no 'unsafe-eval', and even zod's probe for it shows up as a CSP
// violation. This module runs before any page's code builds a schema. From zod/v4/core so
// that only the config object, not the schema library, lands in every page's first chunk.
config({ jitless: true });
