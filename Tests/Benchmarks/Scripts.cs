namespace OpinionResponse.Benchmarks;

/// <summary>What runs in the tabs: every time is taken in the page, with performance.now(), so the driver's round trips are not in the figures.</summary>
public static class Scripts
{
    /// <summary>
    /// Installed before any page script: records (ms since navigation start) when the layout's
    /// <c>[data-interactive='true']</c> marker first appears with the page's content inside it, i.e. when the circuit is
    /// connected, the page answers clicks and shows what it is for: the plain page's rows, the triage page's queue rows (or
    /// its empty or refused state). Rows prerendered before the circuit are not counted (they are not clickable yet).
    /// </summary>
    public const string InteractiveProbe = """
        (() => {
          if (window.__benchProbe) return;
          window.__benchProbe = true;
          const observer = new MutationObserver(() => {
            if (window.__interactiveAt === undefined && document.querySelector(
                  "[data-interactive='true'] :is([data-testid=plain-row], [data-testid=triage-row], [data-testid=triage-empty], [data-testid=triage-forbidden])")) {
              window.__interactiveAt = performance.now();
              observer.disconnect();
            }
          });
          observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-interactive'] });
        })();
        """;

    /// <summary>The load-to-interactive time of the current document, or null while not interactive yet.</summary>
    public const string InteractiveAt = "() => window.__interactiveAt ?? null";

    /// <summary>
    /// Clicks <c>n</c> times with a random pause between clicks and returns, for each click, the milliseconds from the click
    /// to the DOM change it causes (−1 when nothing changed within 10 s). Triage: a row that is not selected is clicked and
    /// the time is taken when it has the selected class. Plain: the button is clicked and the time is taken when the count's
    /// text changed.
    /// </summary>
    public const string ClickLoop = """
        async ({ kind, n, pauseMs }) => {
          const sleep = ms => new Promise(r => setTimeout(r, ms));
          const waitFor = (root, done, timeoutMs) => new Promise(resolve => {
            if (done()) { resolve(performance.now()); return; }
            const observer = new MutationObserver(() => {
              if (done()) { const t = performance.now(); observer.disconnect(); clearTimeout(timer); resolve(t); }
            });
            observer.observe(root, { attributes: true, childList: true, subtree: true, characterData: true });
            const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, timeoutMs);
          });
          const out = [];
          for (let i = 0; i < n; i++) {
            let target, root, done;
            if (kind === 'triage') {
              const rows = [...document.querySelectorAll("[data-testid='triage-row']")].slice(0, 10)
                .filter(r => !r.classList.contains('triage-row-selected'));
              if (rows.length === 0) { out.push(-1); continue; }
              target = rows[i % rows.length];
              const id = target.getAttribute('data-item-id');
              root = target.parentElement;
              done = () => { const r = document.querySelector(`[data-item-id='${id}']`); return !!r && r.classList.contains('triage-row-selected'); };
            } else {
              target = document.querySelector("[data-testid='plain-button']");
              root = document.querySelector("[data-testid='plain-count']");
              const before = root.textContent;
              done = () => root.textContent !== before;
            }
            const t0 = performance.now();
            target.click();
            const t1 = await waitFor(root, done, 10000);
            out.push(t1 === null ? -1 : t1 - t0);
            await sleep(pauseMs * (0.5 + Math.random()));
          }
          return out;
        }
        """;

    /// <summary>
    /// Starts recording, for every queue row that was not on screen yet, the wall-clock time (performance.timeOrigin +
    /// performance.now(), ms since the epoch) at which its element (<c>data-item-id</c>) entered the DOM.
    /// </summary>
    public const string WatchRows = """
        () => {
          const seen = new Map();
          window.__benchSeen = seen;
          document.querySelectorAll('[data-item-id]').forEach(e => seen.set(e.getAttribute('data-item-id'), -1));
          const note = (e, t) => { const id = e.getAttribute('data-item-id'); if (id !== null && !seen.has(id)) seen.set(id, t); };
          window.__benchWatch?.disconnect();
          window.__benchWatch = new MutationObserver(records => {
            const t = performance.timeOrigin + performance.now();
            for (const m of records) {
              if (m.type === 'attributes') { note(m.target, t); continue; }
              for (const node of m.addedNodes) {
                if (node.nodeType !== 1) continue;
                if (node.matches('[data-item-id]')) note(node, t);
                node.querySelectorAll('[data-item-id]').forEach(e => note(e, t));
              }
            }
          });
          window.__benchWatch.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-item-id'] });
        }
        """;

    /// <summary>The rows recorded by <see cref="WatchRows"/>: [[itemId, epochMs], ...] (rows already there are left out).</summary>
    public const string SeenRows = """
        () => { window.__benchWatch?.disconnect(); return [...window.__benchSeen.entries()].filter(e => e[1] >= 0).map(e => [Number(e[0]), e[1]]); }
        """;

    /// <summary>The page's wall clock, as <see cref="WatchRows"/> reads it, to align it with the server's.</summary>
    public const string Clock = "() => performance.timeOrigin + performance.now()";

    /// <summary>Adds one iframe on <c>src</c> (a small one: only its circuit matters) and returns its index.</summary>
    public const string AddFrame = """
        (src) => {
          const f = document.createElement('iframe');
          f.src = src; f.width = 96; f.height = 60; f.className = 'bench-frame';
          document.body.appendChild(f);
          return document.querySelectorAll('iframe.bench-frame').length - 1;
        }
        """;

    /// <summary>How many of the host page's iframes have a connected circuit.</summary>
    public const string InteractiveFrames = """
        () => [...document.querySelectorAll('iframe.bench-frame')]
          .filter(f => { try { return !!f.contentDocument?.querySelector("[data-interactive='true']"); } catch { return false; } }).length
        """;
}
