// axe-core, run on a part of the page: any WCAG 2.0–2.2 A or AA violation fails the test,
// with each rule, its help text and the elements it found, across shadow roots.
import 'axe-core/axe.min.js';
import type {AxeResults, RunOptions} from 'axe-core';

declare global {
  interface Window {
    axe: {run(context: Element | Document, options: RunOptions): Promise<AxeResults>};
  }
}

const OPTIONS: RunOptions = {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
  resultTypes: ['violations'],
};

/** Throws, saying what is wrong and where, when axe finds a violation in `context`. */
export async function expectNoViolations(context: Element, state: string): Promise<void> {
  const {violations} = await window.axe.run(context, OPTIONS);
  if (!violations.length) return;
  const lines = violations.flatMap((v) => [
    `${v.id} (${v.impact ?? 'n/a'}): ${v.help}`,
    ...v.nodes.map((n) => `  at ${JSON.stringify(n.target)}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
  ]);
  throw new Error(`axe found ${violations.length} violation(s) in the ${state} state:\n${lines.join('\n')}`);
}
