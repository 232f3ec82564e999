/**
 * Lint, part of `npm test`. Besides a few correctness rules, it holds the code's shape:
 * - a client feature (`client/src/features/<name>/`) imports no other feature and no page
 *   composition (`app/`): what two features share goes to `components/` or `lib/`, and
 *   pages (`app/`) put features together;
 * - `components/`, `lib/` and `store/` import no feature and no page;
 * - `shared/` imports nothing of the server, the client or the content loader;
 * - the server imports nothing of the client.
 */
import { readdirSync } from 'node:fs';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const FEATURES = readdirSync(new URL('./client/src/features', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** `no-restricted-imports` with the given patterns, each with why. */
const restrict = (...patterns) => ['error', { patterns }];

const FEATURE_RULE =
  'a feature does not import another feature or a page: move what both need to components/ or lib/, and compose features in app/';
const LAYER_RULE = 'components/, lib/ and store/ do not import features or pages';
const SHARED_RULE =
  'shared/ is pure: it imports nothing of the server, the client or the content loader';
const SERVER_RULE = 'the server imports nothing of the client';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'tests/.artifacts/**',
      'client/public/**',
      'rounds/content/**',
    ],
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin, 'react-hooks': reactHooks },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'no-debugger': 'error',
      'no-duplicate-imports': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    rules: {
      'react-hooks/rules-of-hooks': 'error',
    },
  },
  ...FEATURES.map((feature) => ({
    files: [`client/src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': restrict(
        { regex: `^@/features/(?!${feature}/)`, message: FEATURE_RULE },
        { regex: '^@/app/', message: FEATURE_RULE },
        { regex: `^\\.\\./(?!${feature}/)[^.]`, message: FEATURE_RULE },
        { regex: '^\\.\\./\\.\\./', message: FEATURE_RULE },
      ),
    },
  })),
  {
    files: ['client/src/{components,lib,store}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        { regex: '^@/(features|app)/', message: LAYER_RULE },
        { regex: '^\\.\\./(features|app)/', message: LAYER_RULE },
      ),
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        regex: '(^@mockloop/(server|client|rounds)|/(server|client|rounds)/)',
        message: SHARED_RULE,
      }),
    },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        regex: '(^@mockloop/client|/client/)',
        message: SERVER_RULE,
      }),
    },
  },
);
