import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'.data/',
			'src/lib/paraglide/',
			'test-results/',
			'playwright-report/',
			'node_modules/'
		]
	},
	js.configs.recommended,
	// Type-checked rules: floating/misused promises, unsafe any, unneeded assertions, ...
	...ts.configs.recommendedTypeChecked,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				// Each file is typed with the tsconfig.json that includes it (as in the editor).
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				// Set for every file, not only .svelte: changing it between files makes the
				// project service rebuild its program (slow).
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			'no-undef': 'off',
			// The app is served at the root (no base path), so plain hrefs are correct.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			// A switch over a union must name every member (or have a default on purpose).
			'@typescript-eslint/switch-exhaustiveness-check': 'error'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			// The Content-Security-Policy (kit.csp) refuses style attributes: see docs/architecture.md.
			'svelte/no-inline-styles': 'error'
		}
	},
	{
		// Plain JavaScript config and server-start files are outside tsconfig.json: lint them
		// without type information.
		files: ['*.js', 'scripts/**/*.js'],
		...ts.configs.disableTypeChecked
	}
);
