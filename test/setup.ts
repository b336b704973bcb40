// Imported by every test file: a test fails when anything in the page logs an error,
// throws outside a test, or leaves a promise rejection unhandled.

const problems: string[] = [];

addEventListener('error', (e) => problems.push(`uncaught error: ${e.message}`));
addEventListener('unhandledrejection', (e) => problems.push(`unhandled rejection: ${String(e.reason)}`));
const consoleError = console.error;
console.error = (...args: unknown[]) => {
  problems.push(`console.error: ${args.map(String).join(' ')}`);
  consoleError.apply(console, args);
};

/** Takes the problems recorded so far, for a test that expects some. */
export function takeProblems(): string[] {
  return problems.splice(0);
}

afterEach(async () => {
  // Give rejections of the test's last promises a turn to surface.
  await new Promise((r) => setTimeout(r, 0));
  const found = takeProblems();
  if (found.length) throw new Error(`The page reported problems:\n${found.join('\n')}`);
});
