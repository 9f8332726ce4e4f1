// The Chromium command line of the browser tests and benches (playwright-core launches /usr/bin/chromium with these).
//
// Each browser context is a desktop window to headless Chromium, and each window loads two WebUI pages for its address
// bar's popups (chrome://omnibox-popup.top-chrome, the plain and the "AI mode" one) in a renderer of their own: 1.5-2 s
// of CPU per context, measured on this machine (6 contexts: 12.6 s of renderer CPU, 2.2 s without them). The tests open
// a context per page, and the sidebar bench one per load; on 2 cores that work ran beside what was being tested or
// measured. Nothing here has an address bar, so both popups are turned off.
//
// Chromium keeps only the last --disable-features it is given, and playwright-core passes its own list first: ours
// repeats that list (playwright-core 1.65, `disabledFeatures` in lib/coreBundle.js) so those stay off too.
const PLAYWRIGHT_DISABLED = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];
const OURS_DISABLED = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED, ...OURS_DISABLED].join(',')}`,
];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
