// Lint config. The dependency rule of ARCHITECTURE.md is enforced here:
// bin -> cli -> app -> screens -> (widgets | render | keys | state) -> docker.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (name) => [`**/${name}/*`, `../${name}`, `./${name}`];
const top = (name) => [`**/${name}.js`];

/** Forbid imports of the given layers from the files matched by `files`. */
const forbid = (files, layers, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...layers.map((l) => ({
            group: l === 'app' || l === 'cli' ? top(l) : layer(l),
            message: `The architecture's dependency rule forbids importing ${l} from here.`,
          })),
          ...extra.map((p) => ({ group: [p], message: `Only the layer that owns it may import ${p}.` })),
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // A terminal app matches escape and control characters on purpose (sanitising, keys).
      'no-control-regex': 'off',
    },
  },
  forbid(['src/docker/**'], ['state', 'render', 'keys', 'screens', 'widgets', 'app', 'cli'], ['blessed', 'blessed-contrib']),
  forbid(['src/state/**'], ['render', 'keys', 'screens', 'widgets', 'app', 'cli'], ['blessed', 'blessed-contrib', 'dockerode']),
  forbid(['src/render/**'], ['state', 'keys', 'screens', 'widgets', 'app', 'cli'], ['blessed', 'blessed-contrib', 'dockerode']),
  forbid(['src/keys/**'], ['render', 'screens', 'widgets', 'app', 'cli'], ['blessed', 'blessed-contrib', 'dockerode']),
  forbid(['src/widgets/**'], ['docker', 'state', 'keys', 'screens', 'app', 'cli'], ['dockerode']),
  forbid(['src/screens/**'], ['app', 'cli', 'config'], ['dockerode']),
  // The config sits between app and screens: cli and app read it, it reads the registry.
  forbid(['src/config/**'], ['app', 'cli'], ['dockerode', 'blessed', 'blessed-contrib']),
  forbid(['src/app.ts'], ['cli'], ['dockerode']),
  {
    files: ['src/**'],
    rules: { 'no-console': 'error' },
  },
);
