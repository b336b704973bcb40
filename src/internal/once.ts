/**
 * `load` behind a function that calls it once and gives every caller its promise; a
 * failure is forgotten, so the next call tries again. For chunks fetched on first use: a
 * chunk the network lost is fetched by the next action that needs it.
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
