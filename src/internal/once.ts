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

/**
 * Starts something once `loading` (its code) is here, and returns what stops it, at once:
 * called before the code arrived, it keeps it from starting. `failed` runs when the code
 * cannot be loaded and nobody stopped it meanwhile.
 */
export function whenLoaded<T>(
  loading: Promise<T>,
  start: (loaded: T) => (() => void) | undefined,
  failed?: (error: unknown) => void
): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  loading.then(
    (loaded) => stopped || (stop = start(loaded)),
    (error: unknown) => stopped || failed?.(error)
  );
  return () => {
    stopped = true;
    stop?.();
  };
}
