/* global performance, document, window, MutationObserver, getComputedStyle, setInterval, clearInterval, PerformanceObserver, module */
/**
 * What a person sees, read in the workbench's page: `watchScreen` runs in the browser (passed to
 * playwright's page.evaluate, or this file's text as an init script), so it may use nothing from outside its own body.
 * Used by codeServerShim.js (for the tests) and scripts/benchScreen.ts (for the README's figures).
 */
'use strict';

/**
 * From now on, checks every 10 ms and on every change of the DOM whether any of `needles` is on screen:
 * drawn in an editor (in a leaf span of `.view-line` that is displayed — a `display: none` decoration
 * hides it — and whose colour is not transparent), or in the text of a suggestion list, a hover or a
 * quick pick. `window.__flinksqlScreenWatch.stop()` returns how long a needle was drawn in total, how
 * long it was in the rendered text at all (innerText, whatever its colour), where it was seen (the
 * first and the last ten sightings, with the classes and colours of the spans that held it), every
 * "N secrets masked/shown" of the status bar, the widgets that were shown, and the main thread's long tasks.
 */
function watchScreen(needles) {
  // The main thread's long tasks (over 50 ms), where the browser supports reporting them.
  const longTasks = [];
  let longTaskObserver;
  try {
    longTaskObserver = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
    longTaskObserver.observe({ type: 'longtask' });
  } catch {
    longTaskObserver = undefined;
  }
  const places = [
    ['editor', '.monaco-editor .view-lines'],
    ['suggestion list', '.suggest-widget'],
    ['hover', '.monaco-hover'],
    ['quick pick', '.quick-input-widget'],
  ];
  // The text of an editor line as drawn: leaf spans that are displayed and whose colour is not transparent.
  const alphaOf = (color) => {
    const parts = /rgba?\(([^)]*)\)/.exec(color);
    const values = parts ? parts[1].split(/[\s,/]+/).filter(Boolean) : [];
    return values.length === 4 ? Number(values[3]) : 1;
  };
  const drawnText = (line) => {
    let text = '';
    for (const span of line.querySelectorAll('span')) {
      if (span.children.length > 0 || !span.checkVisibility()) continue;
      if (alphaOf(getComputedStyle(span).color) === 0) continue;
      text += span.textContent;
    }
    return text;
  };
  let visibleSince;
  let inTextSince;
  let visibleMs = 0;
  let inTextMs = 0;
  let checks = 0;
  const sightings = [];
  const lastSightings = [];
  const statusTexts = new Set();
  /** The widgets (suggestion list, hover, quick pick) that were on screen with some text. */
  const shownPlaces = new Set();
  const started = performance.now();
  const check = () => {
    checks++;
    const now = performance.now();
    let seen;
    let inText = false;
    for (const [where, selector] of places) {
      for (const element of document.querySelectorAll(selector)) {
        const text = element.innerText;
        if (where !== 'editor' && text.trim() && element.checkVisibility()) shownPlaces.add(where);
        const needle = needles.find((n) => text.includes(n));
        if (!needle) continue;
        inText = true;
        if (where !== 'editor') {
          seen = { where, needle, atMs: Math.round(now - started) };
          continue;
        }
        for (const line of element.querySelectorAll('.view-line')) {
          const drawn = drawnText(line);
          const shown = needles.find((n) => drawn.includes(n));
          if (shown) seen = { where, needle: shown, atMs: Math.round(now - started), line: line.innerText, spans: [...line.querySelectorAll('span')].filter((x) => x.textContent.includes(shown) && x.children.length === 0).map((x) => `${x.className} ${getComputedStyle(x).color}`) };
        }
      }
    }
    for (const element of document.querySelectorAll('.statusbar-item')) {
      const match = /\b(\d+) secrets? (masked|shown)/.exec(element.innerText);
      if (match) statusTexts.add(match[0]);
    }
    if (inText) inTextSince ??= now;
    else if (inTextSince !== undefined) {
      inTextMs += now - inTextSince;
      inTextSince = undefined;
    }
    if (seen) {
      visibleSince ??= now;
      // The first ten sightings and the last ten: when a secret showed first, and until when.
      if (sightings.length < 10) sightings.push(seen);
      else if (lastSightings.push(seen) > 10) lastSightings.shift();
    } else if (visibleSince !== undefined) {
      visibleMs += now - visibleSince;
      visibleSince = undefined;
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['style', 'class'] });
  const timer = setInterval(check, 10);
  check();
  window.__flinksqlScreenWatch = {
    stop() {
      observer.disconnect();
      longTaskObserver?.disconnect();
      clearInterval(timer);
      check();
      const end = performance.now();
      if (visibleSince !== undefined) visibleMs += end - visibleSince;
      if (inTextSince !== undefined) inTextMs += end - inTextSince;
      return { visibleMs: Math.round(visibleMs), inTextMs: Math.round(inTextMs), sightings: [...sightings, ...lastSightings], checks, statusTexts: [...statusTexts], shownPlaces: [...shownPlaces], watchedMs: Math.round(end - started), longTasks: { count: longTasks.length, totalMs: Math.round(longTasks.reduce((a, b) => a + b, 0)), longestMs: Math.round(Math.max(0, ...longTasks)) } };
    },
  };
}

// In node (the shim, the benchmark), a module; in the page, where scripts/benchScreen.ts loads this file's text, a function.
if (typeof module !== 'undefined') module.exports = { watchScreen };
