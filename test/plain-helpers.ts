// Helpers that define no element, so tests of the script-tag bundles (whose elements come
// from dist/) can use them too. test/helpers.ts re-exports them with the rest.

/** Polls `check` until it returns a truthy value. */
export async function waitFor<T>(check: () => T | Promise<T>, what = 'condition', timeout = 4000): Promise<NonNullable<T>> {
  const end = performance.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Appends a `<script>` with these attributes to the body; resolves once it has run. */
export function addScript(attrs: Record<string, string>, type?: string): Promise<HTMLScriptElement> {
  const script = document.createElement('script');
  for (const [k, v] of Object.entries(attrs)) script.setAttribute(k, v);
  if (type) script.type = type;
  const loaded = new Promise<HTMLScriptElement>((resolve, reject) => {
    script.onload = () => resolve(script);
    script.onerror = () => reject(new Error(`failed to load ${script.src}`));
  });
  document.body.append(script);
  return loaded;
}
