import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import prettier from 'eslint-config-prettier'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * ESLint for the web app: JavaScript, TypeScript and Vue recommended rules. Layout is Prettier's (eslint-config-prettier
 * switches the stylistic rules off); types are checked by vue-tsc, not here.
 */
export default defineConfig(
  { ignores: ['node_modules/**', 'dist/**', 'src/api/schema.d.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
    rules: {
      // a full-width space is ordinary in Chinese text; elsewhere in a template it is still an error
      'no-irregular-whitespace': 'off',
      'vue/no-irregular-whitespace': ['error', { skipHTMLTextContents: true }],
    },
  },
  {
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    files: ['vite.config.ts', 'eslint.config.js', 'tests/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
  {
    rules: {
      // layout is Prettier's
      'vue/first-attribute-linebreak': 'off',
    },
  },
)
