// ESLint for every package of the repository: typescript-eslint's strict, type-checked
// rules, eslint-plugin-lit and eslint-plugin-wc for the elements, Prettier for the layout
// (eslint-config-prettier turns off what would fight it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {ignores: ['**/dist/', 'types/', 'scripts/*.d.mts', 'examples/', 'custom-elements.json', '**/node_modules/']},
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
    rules: {
      // `void promise` marks a promise nobody waits for on purpose.
      '@typescript-eslint/no-confusing-void-expression': ['error', {ignoreArrowShorthand: true, ignoreVoidOperator: true}],
      '@typescript-eslint/restrict-template-expressions': ['error', {allowNumber: true}],
      // An async function without await is how an interface of promises is kept (the SQLite
      // driver answers at once) and how a throw becomes a rejection.
      '@typescript-eslint/require-await': 'off',
      // `!` marks what the code knows and the types cannot: an element's @query result after
      // its first render, a regular expression group that always takes part in a match.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
      '@typescript-eslint/no-unused-vars': ['error', {varsIgnorePattern: '^_', argsIgnorePattern: '^_'}],
      // `a || b` on strings means "a, unless it is empty", which is what it is used for.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', {ignorePrimitives: {string: true}}],
      // An empty arrow function is the idiom for "ignore this" (`.catch(() => {})`).
      '@typescript-eslint/no-empty-function': ['error', {allow: ['arrowFunctions']}],
    },
  },
  {
    // Tests read answers and elements they have just made: `!` and loosely typed JSON
    // say so more plainly than guards would.
    files: ['test/**/*.ts', 'server/test/**/*.ts', 'server/bench/**/*.ts', 'server/src/conformance/suite.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      '@typescript-eslint/use-unknown-in-catch-callback-variable': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-misused-spread': 'off',
      // chai: expect(x).to.be.true
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            // node:test's describe() and it() return promises the runner waits for.
            {from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'before', 'after']},
            // @open-wc's chai plugin types every .equal() as a promise, for its DOM diffs.
            {from: 'package', package: '@open-wc/semantic-dom-diff', name: ['Equal', 'equal']},
          ],
        },
      ],
    },
  },
  {
    // Lit calls the listeners of a template (`@click=${this.handleClick}`) with the element as `this`.
    files: ['src/components/**/*.ts', 'test/**/*.ts'],
    rules: {'@typescript-eslint/unbound-method': 'off'},
  },
  {files: ['src/**/*.ts'], ...lit.configs['flat/recommended']},
  {files: ['src/**/*.ts'], ...wc.configs['flat/recommended']},
  {
    // Scripts, configuration and test servers in plain JavaScript run in Node.
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {globals: {...globals.node, ...globals.browser}},
  },
  prettier
);
