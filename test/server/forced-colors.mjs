// A test-runner command: `executeServerCommand('emulate-forced-colors', {active})` turns
// Chromium's forced-colors emulation (Windows high contrast) on or off for the test's page,
// over the DevTools protocol: @web/test-runner-commands' emulateMedia passes forcedColors
// to Playwright only, and Puppeteer's emulateMediaFeatures refuses the feature. Answers
// false where the browser cannot emulate it (Firefox).

export function forcedColors() {
  // The protocol session that set the emulation: it lasts as long as the session does.
  const sessions = new WeakMap();
  return {
    name: 'parley-forced-colors',
    async executeCommand({command, payload, session}) {
      if (command !== 'emulate-forced-colors') return undefined;
      if (session.browser.type !== 'puppeteer') return false;
      const page = session.browser.getPage(session.id);
      try {
        let cdp = sessions.get(page);
        if (!cdp) sessions.set(page, (cdp = await page.createCDPSession()));
        const value = payload?.active ? 'active' : 'none';
        await cdp.send('Emulation.setEmulatedMedia', {features: [{name: 'forced-colors', value}]});
        return true;
      } catch {
        return false;
      }
    },
  };
}
