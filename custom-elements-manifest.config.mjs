// `npm run analyze` writes custom-elements.json from the JSDoc of src/components.
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // Elements are registered in src/define.ts, not with @customElement, so the tag
      // comes from the @tag JSDoc; fail loudly if an element has none.
      name: 'parley-require-tag',
      packageLinkPhase({customElementsManifest}) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.customElement && !decl.tagName) throw new Error(`${decl.name} in ${mod.path} has no @tag`);
          }
        }
      },
    },
  ],
};
